//-----------------------------------------------------------------------------
//
//    Declarations in the shape the nanoFramework Metadata Processor generates
//    (Stubs/Mqtt2Go.Wps/Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient.h). Compare
//    with the generated file after any change to WpsClient.cs.
//
//-----------------------------------------------------------------------------

#ifndef MQTT2GO_WPS_MQTT2GO_WPS_MQTT2GO_DEVICE_WPS_WPSCLIENT_H
#define MQTT2GO_WPS_MQTT2GO_WPS_MQTT2GO_DEVICE_WPS_WPSCLIENT_H

namespace Mqtt2Go_Wps
{
    namespace Mqtt2Go_Wps
    {
        struct WpsClient
        {
            // Helper Functions to access fields of managed object
            // Declaration of stubs. These functions are implemented by Interop code developers

            static signed int NativeContractVersion( HRESULT &hr );

            static signed int NativeStart( HRESULT &hr );

            static void NativeCancel( HRESULT &hr );

            static signed int NativePoll( HRESULT &hr );

            static signed int NativeGetFailReason( HRESULT &hr );

            static signed int NativeGetCredentialCount( HRESULT &hr );

            static signed int NativeCopySsid( CLR_RT_TypedArray_UINT8 param0, HRESULT &hr );

            static signed int NativeCopyPassphrase( CLR_RT_TypedArray_UINT8 param0, HRESULT &hr );
        };
    }
}

#endif // MQTT2GO_WPS_MQTT2GO_WPS_MQTT2GO_DEVICE_WPS_WPSCLIENT_H

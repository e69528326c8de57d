//-----------------------------------------------------------------------------
//
//    ** PLACEHOLDER, replaced by the stubs the build generates **
//    Written by hand in the exact shape the nanoFramework Metadata Processor
//    emits (NFMDP_GENERATE_STUBS=true in Mqtt2Go.Wps.nfproj writes
//    Stubs/Mqtt2Go.Wps/Mqtt2Go_Wps.h). Use the generated file.
//
//-----------------------------------------------------------------------------

#ifndef MQTT2GO_WPS_MQTT2GO_WPS_H
#define MQTT2GO_WPS_MQTT2GO_WPS_H

#include <nanoCLR_Interop.h>
#include <nanoCLR_Runtime.h>
#include <nanoPackStruct.h>

struct Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient
{
    NANOCLR_NATIVE_DECLARE(NativeContractVersion___STATIC__I4);
    NANOCLR_NATIVE_DECLARE(NativeStart___STATIC__I4);
    NANOCLR_NATIVE_DECLARE(NativeCancel___STATIC__VOID);
    NANOCLR_NATIVE_DECLARE(NativePoll___STATIC__I4);
    NANOCLR_NATIVE_DECLARE(NativeGetFailReason___STATIC__I4);
    NANOCLR_NATIVE_DECLARE(NativeGetCredentialCount___STATIC__I4);
    NANOCLR_NATIVE_DECLARE(NativeCopySsid___STATIC__I4__SZARRAY_U1);
    NANOCLR_NATIVE_DECLARE(NativeCopyPassphrase___STATIC__I4__SZARRAY_U1);

    //--//
};

extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_Mqtt2Go_Wps;

#endif // MQTT2GO_WPS_MQTT2GO_WPS_H

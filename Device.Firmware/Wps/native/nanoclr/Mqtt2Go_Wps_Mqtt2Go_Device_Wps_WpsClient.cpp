//-----------------------------------------------------------------------------
//
//    Implementation of the WpsClient stubs (the one generated file that is
//    edited by hand: the Metadata Processor writes an empty skeleton with this
//    name; keep this version, not the skeleton). All logic lives in
//    ../wps_native.c, which is host-tested; this file only adapts types.
//    Expected failures travel as int results (esp_err_t, status, -1), never as
//    a failing HRESULT, so the managed side sees values, not exceptions.
//
//-----------------------------------------------------------------------------

#include "Mqtt2Go_Wps.h"
#include "Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient.h"

#include "wps_native.h"

using namespace Mqtt2Go_Wps::Mqtt2Go_Wps;

signed int WpsClient::NativeContractVersion( HRESULT &hr )
{
    (void)hr;
    return WPS_NATIVE_CONTRACT_VERSION;
}

signed int WpsClient::NativeStart( HRESULT &hr )
{
    (void)hr;
    return (signed int)wps_native_start();
}

void WpsClient::NativeCancel( HRESULT &hr )
{
    (void)hr;
    // Failures are logged by wps_native_cancel; the session is reset either way.
    (void)wps_native_cancel();
}

signed int WpsClient::NativePoll( HRESULT &hr )
{
    (void)hr;
    return (signed int)wps_native_poll();
}

signed int WpsClient::NativeGetFailReason( HRESULT &hr )
{
    (void)hr;
    return wps_native_fail_reason();
}

signed int WpsClient::NativeGetCredentialCount( HRESULT &hr )
{
    (void)hr;
    return wps_native_credential_count();
}

signed int WpsClient::NativeCopySsid( CLR_RT_TypedArray_UINT8 param0, HRESULT &hr )
{
    (void)hr;
    // CLR_RT_TypedArray::GetBuffer/GetSize (nf-interpreter src/CLR/Include/nanoCLR_Interop.h).
    return wps_native_copy_ssid(param0.GetBuffer(), param0.GetSize());
}

signed int WpsClient::NativeCopyPassphrase( CLR_RT_TypedArray_UINT8 param0, HRESULT &hr )
{
    (void)hr;
    return wps_native_copy_passphrase(param0.GetBuffer(), param0.GetSize());
}

//-----------------------------------------------------------------------------
//
//    ** PLACEHOLDER, replaced by the stubs the build generates **
//    Marshalling code in the shape the Metadata Processor writes
//    (Stubs/Mqtt2Go.Wps/Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient_mshl.cpp).
//
//-----------------------------------------------------------------------------

#include "Mqtt2Go_Wps.h"
#include "Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient.h"

using namespace Mqtt2Go_Wps::Mqtt2Go_Wps;

HRESULT Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativeContractVersion___STATIC__I4( CLR_RT_StackFrame& stack )
{
    NANOCLR_HEADER(); hr = S_OK;
    {
        signed int retValue = WpsClient::NativeContractVersion( hr );
        NANOCLR_CHECK_HRESULT( hr );
        SetResult_INT32( stack, retValue );
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativeStart___STATIC__I4( CLR_RT_StackFrame& stack )
{
    NANOCLR_HEADER(); hr = S_OK;
    {
        signed int retValue = WpsClient::NativeStart( hr );
        NANOCLR_CHECK_HRESULT( hr );
        SetResult_INT32( stack, retValue );
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativeCancel___STATIC__VOID( CLR_RT_StackFrame& stack )
{
    NANOCLR_HEADER(); hr = S_OK;
    {
        WpsClient::NativeCancel( hr );
        NANOCLR_CHECK_HRESULT( hr );
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativePoll___STATIC__I4( CLR_RT_StackFrame& stack )
{
    NANOCLR_HEADER(); hr = S_OK;
    {
        signed int retValue = WpsClient::NativePoll( hr );
        NANOCLR_CHECK_HRESULT( hr );
        SetResult_INT32( stack, retValue );
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativeGetFailReason___STATIC__I4( CLR_RT_StackFrame& stack )
{
    NANOCLR_HEADER(); hr = S_OK;
    {
        signed int retValue = WpsClient::NativeGetFailReason( hr );
        NANOCLR_CHECK_HRESULT( hr );
        SetResult_INT32( stack, retValue );
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativeGetCredentialCount___STATIC__I4( CLR_RT_StackFrame& stack )
{
    NANOCLR_HEADER(); hr = S_OK;
    {
        signed int retValue = WpsClient::NativeGetCredentialCount( hr );
        NANOCLR_CHECK_HRESULT( hr );
        SetResult_INT32( stack, retValue );
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativeCopySsid___STATIC__I4__SZARRAY_U1( CLR_RT_StackFrame& stack )
{
    NANOCLR_HEADER(); hr = S_OK;
    {
        CLR_RT_TypedArray_UINT8 param0;
        NANOCLR_CHECK_HRESULT( Interop_Marshal_UINT8_ARRAY( stack, 0, param0 ) );

        signed int retValue = WpsClient::NativeCopySsid( param0, hr );
        NANOCLR_CHECK_HRESULT( hr );
        SetResult_INT32( stack, retValue );
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativeCopyPassphrase___STATIC__I4__SZARRAY_U1( CLR_RT_StackFrame& stack )
{
    NANOCLR_HEADER(); hr = S_OK;
    {
        CLR_RT_TypedArray_UINT8 param0;
        NANOCLR_CHECK_HRESULT( Interop_Marshal_UINT8_ARRAY( stack, 0, param0 ) );

        signed int retValue = WpsClient::NativeCopyPassphrase( param0, hr );
        NANOCLR_CHECK_HRESULT( hr );
        SetResult_INT32( stack, retValue );
    }
    NANOCLR_NOCLEANUP();
}

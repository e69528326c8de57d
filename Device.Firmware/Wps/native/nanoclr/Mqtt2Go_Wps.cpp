//-----------------------------------------------------------------------------
//
//    ** PLACEHOLDER, replaced by the stubs the build generates **
//    The Metadata Processor writes the real Stubs/Mqtt2Go.Wps/Mqtt2Go_Wps.cpp:
//    a method_lookup table with one entry per method of the assembly (NULL for
//    managed methods, in the processor's order) and the native checksum it
//    prints as "+ Native declaration checksum: 0x........ +". Both must come
//    from that generated file, or the CLR refuses to load Mqtt2Go.Wps
//    ("Invalid native checksum", CLR_E_ASSM_WRONG_CHECKSUM).
//    The checksum below is deliberately invalid.
//
//-----------------------------------------------------------------------------

#include "Mqtt2Go_Wps.h"

// clang-format off

static const CLR_RT_MethodHandler method_lookup[] =
{
    // PLACEHOLDER order: the generated table interleaves NULL entries for IsAvailable, Start, ... and .ctor.
    Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativeContractVersion___STATIC__I4,
    Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativeStart___STATIC__I4,
    Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativeCancel___STATIC__VOID,
    Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativePoll___STATIC__I4,
    Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativeGetFailReason___STATIC__I4,
    Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativeGetCredentialCount___STATIC__I4,
    Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativeCopySsid___STATIC__I4__SZARRAY_U1,
    Library_Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient::NativeCopyPassphrase___STATIC__I4__SZARRAY_U1,
};

const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_Mqtt2Go_Wps =
{
    "Mqtt2Go.Wps",
    0x00000000, // PLACEHOLDER checksum: replaced by the stubs the build generates
    method_lookup,
    { 1, 0, 0, 0 }
};

// clang-format on

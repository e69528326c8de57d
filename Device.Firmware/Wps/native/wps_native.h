//
// Mqtt2Go.Wps native interop: WPS push-button (PBC) enrollee for ESP32 under nanoFramework.
//
// Public API used by the nanoCLR glue (nanoclr/Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient.cpp) and by the host tests.
// All functions are called from the nanoCLR interpreter thread; the WPS event handler runs on the ESP-IDF default
// event loop task and only ever touches the session result (see wps_native.c for the hand-over rules).
//
// C only drives the radio's WPS state. Retries and timeouts are decided in C# by the firmware core; the 120 s walk
// time is ESP-IDF's (WPS_TOTAL_TIMEOUT_SECS in components/wpa_supplicant/esp_supplicant/src/esp_wps.c, v5.5.4).
//

#ifndef WPS_NATIVE_H
#define WPS_NATIVE_H

#include <stddef.h>
#include <stdint.h>

#include "esp_err.h"

#ifdef __cplusplus
extern "C" {
#endif

// Version of the contract between this file and WpsClient.cs.
// Keep in sync with WpsClient.ContractVersion in Device.Firmware/Wps/Mqtt2Go.Wps/WpsClient.cs.
#define WPS_NATIVE_CONTRACT_VERSION 1

// Longest SSID in bytes (IEEE 802.11; MAX_SSID_LEN in esp_wifi_types_generic.h). Not NUL-terminated when full.
#define WPS_NATIVE_SSID_MAX_LEN 32

// Longest passphrase in bytes: 8-63 ASCII characters, or a 64-hex-digit PSK (MAX_PASSPHRASE_LEN in
// esp_wifi_types_generic.h). Not NUL-terminated when full.
#define WPS_NATIVE_PASSPHRASE_MAX_LEN 64

// Session status as seen by the managed side.
// Keep in sync with enum WpsStatus in Device.Firmware/Wps/Mqtt2Go.Wps/WpsStatus.cs (same names, same values).
typedef enum
{
    WPS_NATIVE_STATUS_IDLE = 0,          // no session started, or reset by wps_native_cancel()
    WPS_NATIVE_STATUS_IN_PROGRESS = 1,   // waiting for the registrar (user presses the router's WPS button)
    WPS_NATIVE_STATUS_SUCCESS = 2,       // credentials received, copied and handed to the station config
    WPS_NATIVE_STATUS_FAILED = 3,        // WIFI_EVENT_STA_WPS_ER_FAILED; see wps_native_fail_reason()
    WPS_NATIVE_STATUS_TIMEOUT = 4,       // WIFI_EVENT_STA_WPS_ER_TIMEOUT: the 120 s walk time elapsed
    WPS_NATIVE_STATUS_PBC_OVERLAP = 5,   // WIFI_EVENT_STA_WPS_ER_PBC_OVERLAP: more than one AP in PBC mode
    WPS_NATIVE_STATUS_NOT_SUPPORTED = 6, // reserved for the managed side (nanoCLR image without this assembly)
} wps_native_status_t;

// Failure reason of the last session.
// Values 0..2 mirror wifi_event_sta_wps_fail_reason_t (esp_wifi_types_generic.h, v5.5.4); the others are ours.
// Keep in sync with enum WpsFailReason in Device.Firmware/Wps/Mqtt2Go.Wps/WpsFailReason.cs.
typedef enum
{
    WPS_NATIVE_FAIL_REASON_NONE = -1,                 // the session did not fail
    WPS_NATIVE_FAIL_REASON_NORMAL = 0,                // WPS_FAIL_REASON_NORMAL
    WPS_NATIVE_FAIL_REASON_RECV_M2D = 1,              // WPS_FAIL_REASON_RECV_M2D: registrar refused (M2D)
    WPS_NATIVE_FAIL_REASON_RECV_DEAUTH = 2,           // WPS_FAIL_REASON_RECV_DEAUTH: AP deauthenticated us
    WPS_NATIVE_FAIL_REASON_NO_CREDENTIALS = 100,      // success event without a usable credential (empty SSID)
} wps_native_fail_reason_t;

// Starts a WPS push-button session: registers the WIFI_EVENT handler, then esp_wifi_wps_enable and
// esp_wifi_wps_start. Returns ESP_OK when the session runs, ESP_ERR_INVALID_STATE when one is already in progress,
// or the esp_err_t of the step that failed (everything already undone).
esp_err_t wps_native_start(void);

// Cancels a running session or forgets a finished one: disables WPS, unregisters the handler, wipes the
// credentials and returns to WPS_NATIVE_STATUS_IDLE. Always safe to call. Returns the first error met while undoing.
esp_err_t wps_native_cancel(void);

// Returns the session status. When the session has ended it also releases WPS and the event handler
// (ESP-IDF has already disabled WPS by then; the release is idempotent). The result stays readable until the next
// wps_native_start() or wps_native_cancel().
wps_native_status_t wps_native_poll(void);

// Returns the wps_native_fail_reason_t of the last session (WPS_NATIVE_FAIL_REASON_NONE unless it failed).
int wps_native_fail_reason(void);

// Returns how many credentials the registrar sent (1..3; the first one is used), 0 before success.
int wps_native_credential_count(void);

// Copies the received SSID (raw bytes, no NUL) into buffer. Returns its length (1..32), or -1 when there is no
// successful result or buffer is NULL or smaller than the SSID.
int wps_native_copy_ssid(uint8_t *buffer, size_t size);

// Copies the received passphrase (raw bytes, no NUL) into buffer. Returns its length (0..64; 0 for an open network),
// or -1 when there is no successful result or buffer is NULL or smaller than the passphrase. Never logged.
int wps_native_copy_passphrase(uint8_t *buffer, size_t size);

#ifdef __cplusplus
}
#endif

#endif // WPS_NATIVE_H

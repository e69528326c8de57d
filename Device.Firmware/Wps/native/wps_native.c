//
// Mqtt2Go.Wps native interop: WPS push-button (PBC) enrollee for ESP32 under nanoFramework.
//
// ESP-IDF facts this file relies on (checked against espressif/esp-idf tag v5.5.4, the version the nanoFramework
// ESP32 dev container pins in nf-interpreter .devcontainer/ESP32/Dockerfile.ESP32.SRC):
//  - esp_wps.h: esp_err_t esp_wifi_wps_enable(const esp_wps_config_t *config); esp_err_t esp_wifi_wps_disable(void);
//    esp_err_t esp_wifi_wps_start(int timeout_ms) ("deprecated: this argument's value will have no effect");
//    from v6.0 the prototype is esp_wifi_wps_start(void). WPS_CONFIG_INIT_DEFAULT(type).
//  - esp_wifi_types_generic.h: WIFI_EVENT_STA_WPS_ER_SUCCESS/FAILED/TIMEOUT/PIN/PBC_OVERLAP;
//    wifi_event_sta_wps_er_success_t { uint8_t ap_cred_cnt; struct { uint8_t ssid[MAX_SSID_LEN];
//    uint8_t passphrase[MAX_PASSPHRASE_LEN]; } ap_cred[MAX_WPS_AP_CRED]; } with MAX_SSID_LEN 32,
//    MAX_PASSPHRASE_LEN 64, MAX_WPS_AP_CRED 3; wifi_event_sta_wps_fail_reason_t (NORMAL, RECV_M2D, RECV_DEAUTH).
//  - esp_wps.c (src): wps_finish() with exactly ONE credential already calls esp_wifi_set_config(WIFI_IF_STA) and
//    esp_wifi_connect() itself, and wifi_station_wps_success() then posts WIFI_EVENT_STA_WPS_ER_SUCCESS with NO
//    event data. Only with 2..3 credentials is the event data filled (and nothing is applied). SSID and passphrase
//    are memcpy'd with their lengths, so they are NUL-terminated only when shorter than the array.
//  - esp_wps.c: after SUCCESS, FAILED (data = &reason_code), TIMEOUT and PBC_OVERLAP (no data) ESP-IDF has already
//    disabled WPS (wps_send_event_and_disable / wps_finish); esp_wifi_wps_disable() returns ESP_OK when
//    already disabled, so our single cleanup path may call it again.
//  - esp_event.h: esp_event_handler_register(base, id, handler, arg) / esp_event_handler_unregister(base, id,
//    handler); the ESP_EVENT_ANY_ID registration must be undone with ESP_EVENT_ANY_ID.
//
// Threading: the public functions run on the nanoCLR interpreter thread (managed threads are interleaved on one
// native thread). The event handler runs on the default event loop task. They share only `status` (atomic) and the
// result fields, which the handler writes while it owns the session (status COMPLETING) and publishes with a
// release store; readers copy the result only after an acquire load returns SUCCESS. Cancel unregisters the handler
// before it wipes the result, so a running handler has finished by then.
//

#include "wps_native.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>

#include "esp_event.h"
#include "esp_idf_version.h"
#include "esp_log.h"
#include "esp_wifi.h"
#include "esp_wps.h"

static const char *TAG = "wps";

// Internal status while the event handler copies a result; never visible to the managed side (reported as
// IN_PROGRESS). Outside the range of wps_native_status_t on purpose.
#define WPS_STATUS_COMPLETING 100

// Private state of the single WPS session (the ESP32 has one station interface).
typedef struct
{
    atomic_int status;             // wps_native_status_t or WPS_STATUS_COMPLETING
    bool handlerRegistered;        // interpreter thread only
    bool wpsEnabled;               // interpreter thread only
    int failReason;                // wps_native_fail_reason_t, written by the handler while COMPLETING
    int credentialCount;           // as sent by the registrar, clamped to MAX_WPS_AP_CRED
    uint8_t ssid[WPS_NATIVE_SSID_MAX_LEN];
    size_t ssidLength;
    uint8_t passphrase[WPS_NATIVE_PASSPHRASE_MAX_LEN];
    size_t passphraseLength;
} wps_session_t;

static wps_session_t s_session = {
    .status = WPS_NATIVE_STATUS_IDLE,
    .handlerRegistered = false,
    .wpsEnabled = false,
    .failReason = WPS_NATIVE_FAIL_REASON_NONE,
    .credentialCount = 0,
    .ssid = {0},
    .ssidLength = 0,
    .passphrase = {0},
    .passphraseLength = 0,
};

static void wps_event_handler_entry(void *handlerArg, esp_event_base_t eventBase, int32_t eventId, void *eventData);

static const char *status_name(int status)
{
    switch (status)
    {
        case WPS_NATIVE_STATUS_IDLE:
            return "Idle";
        case WPS_NATIVE_STATUS_IN_PROGRESS:
            return "InProgress";
        case WPS_NATIVE_STATUS_SUCCESS:
            return "Success";
        case WPS_NATIVE_STATUS_FAILED:
            return "Failed";
        case WPS_NATIVE_STATUS_TIMEOUT:
            return "Timeout";
        case WPS_NATIVE_STATUS_PBC_OVERLAP:
            return "PbcOverlap";
        case WPS_STATUS_COMPLETING:
            return "Completing";
        default:
            return "Unknown";
    }
}

static bool is_terminal(int status)
{
    return status == WPS_NATIVE_STATUS_SUCCESS || status == WPS_NATIVE_STATUS_FAILED ||
           status == WPS_NATIVE_STATUS_TIMEOUT || status == WPS_NATIVE_STATUS_PBC_OVERLAP;
}

// Zeroes memory that held a secret; the volatile pointer keeps the compiler from dropping the stores.
static void wipe(void *memory, size_t size)
{
    volatile uint8_t *bytes = (volatile uint8_t *)memory;

    while (size-- > 0)
    {
        *bytes++ = 0;
    }
}

// Length of a field that is NUL-terminated only when shorter than its array (never reads past capacity).
static size_t bounded_length(const uint8_t *field, size_t capacity)
{
    const uint8_t *nul = (const uint8_t *)memchr(field, 0, capacity);

    return nul == NULL ? capacity : (size_t)(nul - field);
}

static void forget_result(void)
{
    wipe(s_session.passphrase, sizeof(s_session.passphrase));
    wipe(s_session.ssid, sizeof(s_session.ssid));
    s_session.passphraseLength = 0;
    s_session.ssidLength = 0;
    s_session.credentialCount = 0;
    s_session.failReason = WPS_NATIVE_FAIL_REASON_NONE;
}

// The one cleanup path: releases whatever this module acquired from ESP-IDF. Idempotent.
static esp_err_t release_session(void)
{
    esp_err_t first = ESP_OK;
    esp_err_t err;

    if (s_session.wpsEnabled)
    {
        err = esp_wifi_wps_disable();
        if (err != ESP_OK)
        {
            ESP_LOGE(TAG, "Failed to disable WPS (%s)", esp_err_to_name(err));
            first = err;
        }
        s_session.wpsEnabled = false;
    }

    if (s_session.handlerRegistered)
    {
        err = esp_event_handler_unregister(WIFI_EVENT, ESP_EVENT_ANY_ID, &wps_event_handler_entry);
        if (err != ESP_OK)
        {
            ESP_LOGE(TAG, "Failed to unregister the WPS event handler (%s)", esp_err_to_name(err));
            if (first == ESP_OK)
            {
                first = err;
            }
        }
        s_session.handlerRegistered = false;
    }

    return first;
}

// Copies the first credential into the session and hands it to the station configuration.
// With one credential ESP-IDF sends no event data and has already applied and connected (esp_wps.c wps_finish), so
// the credential is read back with esp_wifi_get_config. Returns the final status.
static int take_credentials(const wifi_event_sta_wps_er_success_t *event)
{
    wifi_config_t config;
    esp_err_t err;

    memset(&config, 0, sizeof(config));
    err = esp_wifi_get_config(WIFI_IF_STA, &config);

    if (event != NULL && event->ap_cred_cnt > 0)
    {
        int count = event->ap_cred_cnt;

        if (count > MAX_WPS_AP_CRED)
        {
            ESP_LOGW(TAG, "WPS reported %d credentials, clamping to %d", count, MAX_WPS_AP_CRED);
            count = MAX_WPS_AP_CRED;
        }

        // Several credentials come from dual-band or multi-SSID registrars; like the ESP-IDF wps example we take
        // the first one. The managed side learns the count from wps_native_credential_count().
        s_session.credentialCount = count;
        s_session.ssidLength = bounded_length(event->ap_cred[0].ssid, MAX_SSID_LEN);
        memcpy(s_session.ssid, event->ap_cred[0].ssid, s_session.ssidLength);
        s_session.passphraseLength = bounded_length(event->ap_cred[0].passphrase, MAX_PASSPHRASE_LEN);
        memcpy(s_session.passphrase, event->ap_cred[0].passphrase, s_session.passphraseLength);

        if (err != ESP_OK)
        {
            // Keep going with a zeroed station config rather than stale fields from a failed read.
            ESP_LOGW(TAG, "Failed to read the station config (%s), using defaults", esp_err_to_name(err));
            memset(&config, 0, sizeof(config));
        }

        if (s_session.ssidLength > 0)
        {
            memset(config.sta.ssid, 0, sizeof(config.sta.ssid));
            memcpy(config.sta.ssid, s_session.ssid, s_session.ssidLength);
            wipe(config.sta.password, sizeof(config.sta.password));
            memcpy(config.sta.password, s_session.passphrase, s_session.passphraseLength);
            // Same as wps_finish for the single-credential case: let the driver pick the BSS.
            config.sta.bssid_set = false;

            err = esp_wifi_set_config(WIFI_IF_STA, &config);
            if (err != ESP_OK)
            {
                ESP_LOGE(TAG, "Failed to apply the WPS credential to the station (%s)", esp_err_to_name(err));
            }
            else
            {
                err = esp_wifi_connect();
                if (err != ESP_OK)
                {
                    ESP_LOGE(TAG, "Failed to connect with the WPS credential (%s)", esp_err_to_name(err));
                }
            }
        }
    }
    else
    {
        if (err != ESP_OK)
        {
            ESP_LOGE(TAG, "Failed to read the WPS credential from the station config (%s)", esp_err_to_name(err));
            s_session.failReason = WPS_NATIVE_FAIL_REASON_NO_CREDENTIALS;
            wipe(&config, sizeof(config));
            return WPS_NATIVE_STATUS_FAILED;
        }

        s_session.credentialCount = 1;
        s_session.ssidLength = bounded_length(config.sta.ssid, sizeof(config.sta.ssid));
        memcpy(s_session.ssid, config.sta.ssid, s_session.ssidLength);
        s_session.passphraseLength = bounded_length(config.sta.password, sizeof(config.sta.password));
        memcpy(s_session.passphrase, config.sta.password, s_session.passphraseLength);
    }

    wipe(&config, sizeof(config));

    if (s_session.ssidLength == 0)
    {
        ESP_LOGE(TAG, "Failed to use the WPS result: the credential has an empty SSID");
        forget_result();
        s_session.failReason = WPS_NATIVE_FAIL_REASON_NO_CREDENTIALS;
        return WPS_NATIVE_STATUS_FAILED;
    }

    // The SSID is not a secret; the passphrase is never logged, only its length.
    ESP_LOGI(
        TAG,
        "WPS credential received: SSID \"%.*s\" (%u bytes), passphrase of %u bytes, %d credential(s) offered",
        (int)s_session.ssidLength,
        (const char *)s_session.ssid,
        (unsigned)s_session.ssidLength,
        (unsigned)s_session.passphraseLength,
        s_session.credentialCount);

    return WPS_NATIVE_STATUS_SUCCESS;
}

static void handle_event(int32_t eventId, void *eventData)
{
    int expected = WPS_NATIVE_STATUS_IN_PROGRESS;
    int final;

    switch (eventId)
    {
        case WIFI_EVENT_STA_WPS_ER_SUCCESS:
        case WIFI_EVENT_STA_WPS_ER_FAILED:
        case WIFI_EVENT_STA_WPS_ER_TIMEOUT:
        case WIFI_EVENT_STA_WPS_ER_PBC_OVERLAP:
            break;

        default:
            // WIFI_EVENT_STA_WPS_ER_PIN is PIN mode only; every other Wi-Fi event belongs to nanoCLR's own handler.
            return;
    }

    // Own the session for the copy; a late event (after cancel, or a second terminal event) finds no session.
    if (!atomic_compare_exchange_strong(&s_session.status, &expected, WPS_STATUS_COMPLETING))
    {
        ESP_LOGW(TAG, "Ignoring WPS event %d: no session in progress (%s)", (int)eventId, status_name(expected));
        return;
    }

    switch (eventId)
    {
        case WIFI_EVENT_STA_WPS_ER_SUCCESS:
            final = take_credentials((const wifi_event_sta_wps_er_success_t *)eventData);
            break;

        case WIFI_EVENT_STA_WPS_ER_FAILED:
        {
            wifi_event_sta_wps_fail_reason_t reason = WPS_FAIL_REASON_NORMAL;

            // ESP-IDF posts &reason_code; older releases posted no data (then NORMAL applies).
            if (eventData != NULL)
            {
                memcpy(&reason, eventData, sizeof(reason));
            }
            s_session.failReason = (int)reason;
            ESP_LOGW(TAG, "WPS failed (reason %d)", (int)reason);
            final = WPS_NATIVE_STATUS_FAILED;
            break;
        }

        case WIFI_EVENT_STA_WPS_ER_TIMEOUT:
            ESP_LOGW(TAG, "WPS timed out: no registrar within the 120 s walk time");
            final = WPS_NATIVE_STATUS_TIMEOUT;
            break;

        default: // WIFI_EVENT_STA_WPS_ER_PBC_OVERLAP
            ESP_LOGW(TAG, "WPS stopped: more than one access point is in push-button mode (PBC overlap)");
            final = WPS_NATIVE_STATUS_PBC_OVERLAP;
            break;
    }

    ESP_LOGI(TAG, "wps: InProgress -> %s", status_name(final));

    // Publish: readers that see the final status also see the result written above.
    atomic_store_explicit(&s_session.status, final, memory_order_release);
}

// Registered with esp_event_handler_register; signature esp_event_handler_t (esp_event_base.h).
static void wps_event_handler_entry(void *handlerArg, esp_event_base_t eventBase, int32_t eventId, void *eventData)
{
    (void)handlerArg;

    if (eventBase != WIFI_EVENT)
    {
        return;
    }

    handle_event(eventId, eventData);
}

esp_err_t wps_native_start(void)
{
    // WPS_CONFIG_INIT_DEFAULT(WPS_TYPE_PBC): push-button, Espressif's default factory info (esp_wps.h).
    esp_wps_config_t config = WPS_CONFIG_INIT_DEFAULT(WPS_TYPE_PBC);
    int status = atomic_load(&s_session.status);
    esp_err_t err;

    if (status == WPS_NATIVE_STATUS_IN_PROGRESS || status == WPS_STATUS_COMPLETING)
    {
        ESP_LOGW(TAG, "Failed to start WPS: a session is already in progress");
        return ESP_ERR_INVALID_STATE;
    }

    // A finished session may still hold ESP-IDF resources if nobody polled it; release and forget it.
    (void)release_session();
    forget_result();

    err = esp_event_handler_register(WIFI_EVENT, ESP_EVENT_ANY_ID, &wps_event_handler_entry, NULL);
    if (err != ESP_OK)
    {
        ESP_LOGE(TAG, "Failed to register the WPS event handler (%s)", esp_err_to_name(err));
        goto cleanup;
    }
    s_session.handlerRegistered = true;

    // In progress before enable/start so that an early event is not dropped.
    atomic_store(&s_session.status, WPS_NATIVE_STATUS_IN_PROGRESS);

    err = esp_wifi_wps_enable(&config);
    if (err != ESP_OK)
    {
        ESP_LOGE(TAG, "Failed to enable WPS (%s)", esp_err_to_name(err));
        goto cleanup;
    }
    s_session.wpsEnabled = true;

#if ESP_IDF_VERSION >= ESP_IDF_VERSION_VAL(6, 0, 0)
    err = esp_wifi_wps_start();
#else
    // timeout_ms is ignored by ESP-IDF (esp_wps.h); the walk time is its fixed 120 s.
    err = esp_wifi_wps_start(0);
#endif
    if (err != ESP_OK)
    {
        ESP_LOGE(TAG, "Failed to start WPS (%s)", esp_err_to_name(err));
        goto cleanup;
    }

    ESP_LOGI(TAG, "wps: Idle -> InProgress (push-button, 120 s walk time set by ESP-IDF)");
    return ESP_OK;

cleanup:
    (void)release_session();
    atomic_store(&s_session.status, WPS_NATIVE_STATUS_IDLE);
    forget_result();
    return err;
}

esp_err_t wps_native_cancel(void)
{
    int previous = atomic_load(&s_session.status);
    esp_err_t err;

    // Unregister first: once esp_event_handler_unregister returns, the handler is not running and will not run.
    err = release_session();

    atomic_store(&s_session.status, WPS_NATIVE_STATUS_IDLE);
    forget_result();

    if (previous != WPS_NATIVE_STATUS_IDLE)
    {
        ESP_LOGI(TAG, "wps: %s -> Idle (cancelled or reset)", status_name(previous));
    }

    return err;
}

wps_native_status_t wps_native_poll(void)
{
    int status = atomic_load_explicit(&s_session.status, memory_order_acquire);

    if (status == WPS_STATUS_COMPLETING)
    {
        return WPS_NATIVE_STATUS_IN_PROGRESS;
    }

    if (is_terminal(status))
    {
        // Deferred release on the interpreter thread, not inside the event loop task.
        (void)release_session();
    }

    return (wps_native_status_t)status;
}

int wps_native_fail_reason(void)
{
    int status = atomic_load_explicit(&s_session.status, memory_order_acquire);

    return status == WPS_NATIVE_STATUS_FAILED ? s_session.failReason : WPS_NATIVE_FAIL_REASON_NONE;
}

int wps_native_credential_count(void)
{
    int status = atomic_load_explicit(&s_session.status, memory_order_acquire);

    return status == WPS_NATIVE_STATUS_SUCCESS ? s_session.credentialCount : 0;
}

int wps_native_copy_ssid(uint8_t *buffer, size_t size)
{
    int status = atomic_load_explicit(&s_session.status, memory_order_acquire);

    if (status != WPS_NATIVE_STATUS_SUCCESS || buffer == NULL || size < s_session.ssidLength)
    {
        return -1;
    }

    memcpy(buffer, s_session.ssid, s_session.ssidLength);
    return (int)s_session.ssidLength;
}

int wps_native_copy_passphrase(uint8_t *buffer, size_t size)
{
    int status = atomic_load_explicit(&s_session.status, memory_order_acquire);

    if (status != WPS_NATIVE_STATUS_SUCCESS || buffer == NULL || size < s_session.passphraseLength)
    {
        return -1;
    }

    memcpy(buffer, s_session.passphrase, s_session.passphraseLength);
    return (int)s_session.passphraseLength;
}

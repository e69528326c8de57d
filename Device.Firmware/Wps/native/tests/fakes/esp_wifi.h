// FAKE of ESP-IDF components/esp_wifi/include/esp_wifi.h and the parts of esp_wifi_types_generic.h that
// wps_native.c uses (v5.5.4), for host tests: same names, field names, array sizes and enum order.
#ifndef FAKE_ESP_WIFI_H
#define FAKE_ESP_WIFI_H

#include <stdbool.h>
#include <stdint.h>

#include "esp_err.h"
#include "esp_event.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ESP_ERR_WIFI_NOT_INIT (ESP_ERR_WIFI_BASE + 1)
#define ESP_ERR_WIFI_NOT_STARTED (ESP_ERR_WIFI_BASE + 2)
#define ESP_ERR_WIFI_IF (ESP_ERR_WIFI_BASE + 4)
#define ESP_ERR_WIFI_MODE (ESP_ERR_WIFI_BASE + 5)
#define ESP_ERR_WIFI_STATE (ESP_ERR_WIFI_BASE + 6)
#define ESP_ERR_WIFI_CONN (ESP_ERR_WIFI_BASE + 7)
#define ESP_ERR_WIFI_SSID (ESP_ERR_WIFI_BASE + 10)
#define ESP_ERR_WIFI_PASSWORD (ESP_ERR_WIFI_BASE + 11)

// esp_interface.h: ESP_IF_WIFI_STA = 0; esp_wifi_types_generic.h: WIFI_IF_STA = ESP_IF_WIFI_STA.
typedef enum
{
    WIFI_IF_STA = 0,
    WIFI_IF_AP = 1,
} wifi_interface_t;

typedef struct
{
    uint8_t ssid[32];
    uint8_t password[64];
    uint8_t ssid_len;
    uint8_t channel;
} wifi_ap_config_t;

// Leading fields as in v5.5.4; the real struct has many more after channel.
typedef struct
{
    uint8_t ssid[32];
    uint8_t password[64];
    int scan_method;
    bool bssid_set;
    uint8_t bssid[6];
    uint8_t channel;
} wifi_sta_config_t;

typedef union
{
    wifi_ap_config_t ap;
    wifi_sta_config_t sta;
} wifi_config_t;

typedef enum
{
    WIFI_EVENT_WIFI_READY = 0,
    WIFI_EVENT_SCAN_DONE,
    WIFI_EVENT_STA_START,
    WIFI_EVENT_STA_STOP,
    WIFI_EVENT_STA_CONNECTED,
    WIFI_EVENT_STA_DISCONNECTED,
    WIFI_EVENT_STA_AUTHMODE_CHANGE,

    WIFI_EVENT_STA_WPS_ER_SUCCESS,
    WIFI_EVENT_STA_WPS_ER_FAILED,
    WIFI_EVENT_STA_WPS_ER_TIMEOUT,
    WIFI_EVENT_STA_WPS_ER_PIN,
    WIFI_EVENT_STA_WPS_ER_PBC_OVERLAP,

    WIFI_EVENT_AP_START,
    WIFI_EVENT_AP_STOP,
} wifi_event_t;

ESP_EVENT_DECLARE_BASE(WIFI_EVENT);

typedef enum
{
    WPS_FAIL_REASON_NORMAL = 0,
    WPS_FAIL_REASON_RECV_M2D,
    WPS_FAIL_REASON_RECV_DEAUTH,
    WPS_FAIL_REASON_MAX
} wifi_event_sta_wps_fail_reason_t;

#define MAX_SSID_LEN 32
#define MAX_PASSPHRASE_LEN 64
#define MAX_WPS_AP_CRED 3

typedef struct
{
    uint8_t ap_cred_cnt;
    struct
    {
        uint8_t ssid[MAX_SSID_LEN];
        uint8_t passphrase[MAX_PASSPHRASE_LEN];
    } ap_cred[MAX_WPS_AP_CRED];
} wifi_event_sta_wps_er_success_t;

esp_err_t esp_wifi_connect(void);
esp_err_t esp_wifi_set_config(wifi_interface_t interface, wifi_config_t *conf);
esp_err_t esp_wifi_get_config(wifi_interface_t interface, wifi_config_t *conf);

#ifdef __cplusplus
}
#endif

#endif

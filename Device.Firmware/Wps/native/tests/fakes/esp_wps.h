// FAKE of ESP-IDF components/wpa_supplicant/esp_supplicant/include/esp_wps.h (v5.5.4; v6.0 start prototype behind
// the version check) for host tests: same type, field and function names and signatures.
#ifndef FAKE_ESP_WPS_H
#define FAKE_ESP_WPS_H

#include <stdbool.h>
#include <stdint.h>

#include "esp_err.h"
#include "esp_idf_version.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ESP_ERR_WIFI_REGISTRAR (ESP_ERR_WIFI_BASE + 51)
#define ESP_ERR_WIFI_WPS_TYPE (ESP_ERR_WIFI_BASE + 52)
#define ESP_ERR_WIFI_WPS_SM (ESP_ERR_WIFI_BASE + 53)

typedef enum wps_type
{
    WPS_TYPE_DISABLE = 0,
    WPS_TYPE_PBC,
    WPS_TYPE_PIN,
    WPS_TYPE_MAX
} wps_type_t;

#define WPS_MAX_MANUFACTURER_LEN 65
#define WPS_MAX_MODEL_NUMBER_LEN 33
#define WPS_MAX_MODEL_NAME_LEN 33
#define WPS_MAX_DEVICE_NAME_LEN 33

typedef struct
{
    char manufacturer[WPS_MAX_MANUFACTURER_LEN];
    char model_number[WPS_MAX_MODEL_NUMBER_LEN];
    char model_name[WPS_MAX_MODEL_NAME_LEN];
    char device_name[WPS_MAX_DEVICE_NAME_LEN];
} wps_factory_information_t;

#define PIN_LEN 9

typedef struct
{
    wps_type_t wps_type;
    wps_factory_information_t factory_info;
    char pin[PIN_LEN];
} esp_wps_config_t;

// The real macro uses ESP_COMPILER_DESIGNATED_INIT_AGGREGATE_TYPE_STR and CONFIG_IDF_TARGET ("esp32").
#define WPS_CONFIG_INIT_DEFAULT(type)                                                                                  \
    {                                                                                                                  \
        .wps_type = type,                                                                                              \
        .factory_info =                                                                                                \
            {                                                                                                          \
                .manufacturer = "ESPRESSIF",                                                                           \
                .model_number = "esp32",                                                                               \
                .model_name = "ESPRESSIF IOT",                                                                         \
                .device_name = "ESP DEVICE",                                                                           \
            },                                                                                                         \
        .pin = "00000000",                                                                                             \
    }

esp_err_t esp_wifi_wps_enable(const esp_wps_config_t *config);
esp_err_t esp_wifi_wps_disable(void);

#if ESP_IDF_VERSION >= ESP_IDF_VERSION_VAL(6, 0, 0)
esp_err_t esp_wifi_wps_start(void);
#else
esp_err_t esp_wifi_wps_start(int timeout_ms);
#endif

#ifdef __cplusplus
}
#endif

#endif

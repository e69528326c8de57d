// FAKE of ESP-IDF components/esp_common/include/esp_err.h (v5.5.4) for host tests: same names and values, only
// what wps_native.c uses.
#ifndef FAKE_ESP_ERR_H
#define FAKE_ESP_ERR_H

#ifdef __cplusplus
extern "C" {
#endif

typedef int esp_err_t;

#define ESP_OK 0
#define ESP_FAIL -1
#define ESP_ERR_NO_MEM 0x101
#define ESP_ERR_INVALID_ARG 0x102
#define ESP_ERR_INVALID_STATE 0x103
#define ESP_ERR_NOT_SUPPORTED 0x106
#define ESP_ERR_WIFI_BASE 0x3000

const char *esp_err_to_name(esp_err_t code);

#ifdef __cplusplus
}
#endif

#endif

// FAKE of ESP-IDF components/esp_event/include/esp_event.h + esp_event_base.h (v5.5.4) for host tests.
#ifndef FAKE_ESP_EVENT_H
#define FAKE_ESP_EVENT_H

#include <stdint.h>

#include "esp_err.h"

#ifdef __cplusplus
extern "C" {
#endif

// esp_event_base.h
#define ESP_EVENT_DECLARE_BASE(id) extern esp_event_base_t const id
#define ESP_EVENT_DEFINE_BASE(id) esp_event_base_t const id = #id

typedef const char *esp_event_base_t;
typedef void *esp_event_loop_handle_t;
typedef void (*esp_event_handler_t)(
    void *event_handler_arg,
    esp_event_base_t event_base,
    int32_t event_id,
    void *event_data);

#define ESP_EVENT_ANY_BASE NULL
#define ESP_EVENT_ANY_ID -1

// esp_event.h
esp_err_t esp_event_handler_register(
    esp_event_base_t event_base,
    int32_t event_id,
    esp_event_handler_t event_handler,
    void *event_handler_arg);

esp_err_t esp_event_handler_unregister(esp_event_base_t event_base, int32_t event_id, esp_event_handler_t event_handler);

#ifdef __cplusplus
}
#endif

#endif

// FAKE of ESP-IDF components/log/include/esp_log.h for host tests: the ESP_LOGx(tag, format, ...) macros keep their
// names and arguments; every line is formatted and captured by fake_esp.c so tests can inspect it.
#ifndef FAKE_ESP_LOG_H
#define FAKE_ESP_LOG_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum
{
    ESP_LOG_NONE = 0,
    ESP_LOG_ERROR,
    ESP_LOG_WARN,
    ESP_LOG_INFO,
    ESP_LOG_DEBUG,
    ESP_LOG_VERBOSE,
} esp_log_level_t;

void fake_esp_log_write(esp_log_level_t level, const char *tag, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

#define ESP_LOGE(tag, format, ...) fake_esp_log_write(ESP_LOG_ERROR, tag, format, ##__VA_ARGS__)
#define ESP_LOGW(tag, format, ...) fake_esp_log_write(ESP_LOG_WARN, tag, format, ##__VA_ARGS__)
#define ESP_LOGI(tag, format, ...) fake_esp_log_write(ESP_LOG_INFO, tag, format, ##__VA_ARGS__)
#define ESP_LOGD(tag, format, ...) fake_esp_log_write(ESP_LOG_DEBUG, tag, format, ##__VA_ARGS__)

#ifdef __cplusplus
}
#endif

#endif

// FAKE of ESP-IDF components/esp_common/include/esp_idf_version.h. Defaults to v5.5.4 (the version nf-interpreter's
// ESP32 dev container pins); the test build compiles a second binary with -DFAKE_IDF_VERSION_MAJOR=6.
#ifndef FAKE_ESP_IDF_VERSION_H
#define FAKE_ESP_IDF_VERSION_H

#ifndef FAKE_IDF_VERSION_MAJOR
#define FAKE_IDF_VERSION_MAJOR 5
#endif

#define ESP_IDF_VERSION_MAJOR FAKE_IDF_VERSION_MAJOR
#if FAKE_IDF_VERSION_MAJOR == 5
#define ESP_IDF_VERSION_MINOR 5
#define ESP_IDF_VERSION_PATCH 4
#else
#define ESP_IDF_VERSION_MINOR 0
#define ESP_IDF_VERSION_PATCH 1
#endif

#define ESP_IDF_VERSION_VAL(major, minor, patch) ((major << 16) | (minor << 8) | (patch))
#define ESP_IDF_VERSION ESP_IDF_VERSION_VAL(ESP_IDF_VERSION_MAJOR, ESP_IDF_VERSION_MINOR, ESP_IDF_VERSION_PATCH)

#endif

// Fake ESP-IDF implementation for the host tests: records calls, returns scripted results, captures log lines.
#include "fake_esp.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

fake_esp_t g_fake_esp;

ESP_EVENT_DEFINE_BASE(WIFI_EVENT);

static void record(const char *name)
{
    if (g_fake_esp.callCount < FAKE_CALLS_MAX)
    {
        g_fake_esp.calls[g_fake_esp.callCount++] = name;
    }
}

void fake_esp_reset(void)
{
    memset(&g_fake_esp, 0, sizeof(g_fake_esp));
    g_fake_esp.startTimeoutMs = -2;
}

const char *esp_err_to_name(esp_err_t code)
{
    switch (code)
    {
        case ESP_OK:
            return "ESP_OK";
        case ESP_FAIL:
            return "ESP_FAIL";
        case ESP_ERR_NO_MEM:
            return "ESP_ERR_NO_MEM";
        case ESP_ERR_INVALID_ARG:
            return "ESP_ERR_INVALID_ARG";
        case ESP_ERR_INVALID_STATE:
            return "ESP_ERR_INVALID_STATE";
        case ESP_ERR_WIFI_STATE:
            return "ESP_ERR_WIFI_STATE";
        case ESP_ERR_WIFI_MODE:
            return "ESP_ERR_WIFI_MODE";
        case ESP_ERR_WIFI_WPS_SM:
            return "ESP_ERR_WIFI_WPS_SM";
        default:
            return "UNKNOWN ERROR";
    }
}

esp_err_t esp_event_handler_register(
    esp_event_base_t event_base,
    int32_t event_id,
    esp_event_handler_t event_handler,
    void *event_handler_arg)
{
    record("register");
    if (g_fake_esp.registerResult != ESP_OK)
    {
        return g_fake_esp.registerResult;
    }
    if (event_base != WIFI_EVENT || event_handler == NULL)
    {
        return ESP_ERR_INVALID_ARG;
    }
    g_fake_esp.handlerRegistered = true;
    g_fake_esp.registeredEventId = event_id;
    g_fake_esp.registeredHandler = event_handler;
    g_fake_esp.lastHandler = event_handler;
    g_fake_esp.registeredArg = event_handler_arg;
    return ESP_OK;
}

esp_err_t esp_event_handler_unregister(esp_event_base_t event_base, int32_t event_id, esp_event_handler_t event_handler)
{
    record("unregister");
    if (g_fake_esp.unregisterResult != ESP_OK)
    {
        return g_fake_esp.unregisterResult;
    }
    // Like ESP-IDF: base, id and handler must match the registration exactly.
    if (!g_fake_esp.handlerRegistered || event_base != WIFI_EVENT || event_id != g_fake_esp.registeredEventId ||
        event_handler != g_fake_esp.registeredHandler)
    {
        return ESP_ERR_INVALID_ARG;
    }
    g_fake_esp.handlerRegistered = false;
    g_fake_esp.registeredHandler = NULL;
    return ESP_OK;
}

esp_err_t esp_wifi_wps_enable(const esp_wps_config_t *config)
{
    record("enable");
    if (g_fake_esp.enableResult != ESP_OK)
    {
        return g_fake_esp.enableResult;
    }
    if (config == NULL || config->wps_type == WPS_TYPE_DISABLE)
    {
        return ESP_ERR_WIFI_WPS_TYPE;
    }
    g_fake_esp.wpsEnabled = true;
    g_fake_esp.enabledType = config->wps_type;
    return ESP_OK;
}

esp_err_t esp_wifi_wps_disable(void)
{
    record("disable");
    if (g_fake_esp.disableResult != ESP_OK)
    {
        return g_fake_esp.disableResult;
    }
    // ESP-IDF returns ESP_OK when WPS is already disabled.
    g_fake_esp.wpsEnabled = false;
    return ESP_OK;
}

#if ESP_IDF_VERSION >= ESP_IDF_VERSION_VAL(6, 0, 0)
esp_err_t esp_wifi_wps_start(void)
{
    record("start");
    g_fake_esp.startCalls++;
    g_fake_esp.startTimeoutMs = -1;
    if (g_fake_esp.startResult != ESP_OK)
    {
        return g_fake_esp.startResult;
    }
    return g_fake_esp.wpsEnabled ? ESP_OK : ESP_ERR_WIFI_WPS_SM;
}
#else
esp_err_t esp_wifi_wps_start(int timeout_ms)
{
    record("start");
    g_fake_esp.startCalls++;
    g_fake_esp.startTimeoutMs = timeout_ms;
    if (g_fake_esp.startResult != ESP_OK)
    {
        return g_fake_esp.startResult;
    }
    return g_fake_esp.wpsEnabled ? ESP_OK : ESP_ERR_WIFI_WPS_SM;
}
#endif

esp_err_t esp_wifi_connect(void)
{
    record("connect");
    g_fake_esp.connectCalls++;
    return g_fake_esp.connectResult;
}

esp_err_t esp_wifi_set_config(wifi_interface_t interface, wifi_config_t *conf)
{
    record("set_config");
    g_fake_esp.setConfigCalls++;
    if (g_fake_esp.setConfigResult != ESP_OK)
    {
        return g_fake_esp.setConfigResult;
    }
    if (interface != WIFI_IF_STA || conf == NULL)
    {
        return ESP_ERR_INVALID_ARG;
    }
    g_fake_esp.stationConfig = *conf;
    return ESP_OK;
}

esp_err_t esp_wifi_get_config(wifi_interface_t interface, wifi_config_t *conf)
{
    record("get_config");
    if (g_fake_esp.getConfigResult != ESP_OK)
    {
        return g_fake_esp.getConfigResult;
    }
    if (interface != WIFI_IF_STA || conf == NULL)
    {
        return ESP_ERR_INVALID_ARG;
    }
    *conf = g_fake_esp.stationConfig;
    return ESP_OK;
}

void fake_esp_log_write(esp_log_level_t level, const char *tag, const char *format, ...)
{
    static const char levels[] = {'N', 'E', 'W', 'I', 'D', 'V'};
    char message[FAKE_LOG_MAX_LINE - 64]; // room for level and tag in the captured line
    va_list args;

    va_start(args, format);
    vsnprintf(message, sizeof(message), format, args);
    va_end(args);

    if (g_fake_esp.logCount < FAKE_LOG_MAX_LINES)
    {
        snprintf(
            g_fake_esp.log[g_fake_esp.logCount++],
            FAKE_LOG_MAX_LINE,
            "%c %.32s: %s",
            levels[(unsigned)level < sizeof(levels) ? (unsigned)level : 0],
            tag,
            message);
    }
}

bool fake_esp_post_wifi_event(int32_t event_id, void *event_data)
{
    if (!g_fake_esp.handlerRegistered || g_fake_esp.registeredHandler == NULL)
    {
        return false;
    }
    if (g_fake_esp.registeredEventId != ESP_EVENT_ANY_ID && g_fake_esp.registeredEventId != event_id)
    {
        return false;
    }
    g_fake_esp.registeredHandler(g_fake_esp.registeredArg, WIFI_EVENT, event_id, event_data);
    return true;
}

int fake_esp_find_call(const char *name, int from)
{
    for (int i = from < 0 ? 0 : from; i < g_fake_esp.callCount; i++)
    {
        if (strcmp(g_fake_esp.calls[i], name) == 0)
        {
            return i;
        }
    }
    return -1;
}

int fake_esp_count_calls(const char *name)
{
    int count = 0;

    for (int i = 0; i < g_fake_esp.callCount; i++)
    {
        if (strcmp(g_fake_esp.calls[i], name) == 0)
        {
            count++;
        }
    }
    return count;
}

bool fake_esp_log_contains(const char *needle)
{
    for (int i = 0; i < g_fake_esp.logCount; i++)
    {
        if (strstr(g_fake_esp.log[i], needle) != NULL)
        {
            return true;
        }
    }
    return false;
}

// Host tests for wps_native.c against the fake ESP-IDF in fakes/ (GoogleTest).
// Each test starts from a reset module and a reset fake; TearDown asserts that no injected passphrase was logged.

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "fake_esp.h"
#include "wps_native.h"
}

namespace
{

// Fills one credential of a success event with raw bytes (no NUL added: the caller passes the exact bytes).
void SetCredential(wifi_event_sta_wps_er_success_t &event, int index, const std::string &ssid, const std::string &pass)
{
    std::memset(event.ap_cred[index].ssid, 0, sizeof(event.ap_cred[index].ssid));
    std::memset(event.ap_cred[index].passphrase, 0, sizeof(event.ap_cred[index].passphrase));
    std::memcpy(event.ap_cred[index].ssid, ssid.data(), ssid.size());
    std::memcpy(event.ap_cred[index].passphrase, pass.data(), pass.size());
}

std::string CopySsid()
{
    uint8_t buffer[WPS_NATIVE_SSID_MAX_LEN];
    int length = wps_native_copy_ssid(buffer, sizeof(buffer));
    return length < 0 ? std::string("<none>") : std::string(reinterpret_cast<char *>(buffer), length);
}

std::string CopyPassphrase()
{
    uint8_t buffer[WPS_NATIVE_PASSPHRASE_MAX_LEN];
    int length = wps_native_copy_passphrase(buffer, sizeof(buffer));
    return length < 0 ? std::string("<none>") : std::string(reinterpret_cast<char *>(buffer), length);
}

std::string StationSsid()
{
    const uint8_t *ssid = g_fake_esp.stationConfig.sta.ssid;
    const void *nul = std::memchr(ssid, 0, sizeof(g_fake_esp.stationConfig.sta.ssid));
    size_t length = nul == nullptr ? sizeof(g_fake_esp.stationConfig.sta.ssid)
                                   : static_cast<size_t>(static_cast<const uint8_t *>(nul) - ssid);
    return std::string(reinterpret_cast<const char *>(ssid), length);
}

std::string StationPassword()
{
    const uint8_t *password = g_fake_esp.stationConfig.sta.password;
    const void *nul = std::memchr(password, 0, sizeof(g_fake_esp.stationConfig.sta.password));
    size_t length = nul == nullptr ? sizeof(g_fake_esp.stationConfig.sta.password)
                                   : static_cast<size_t>(static_cast<const uint8_t *>(nul) - password);
    return std::string(reinterpret_cast<const char *>(password), length);
}

class WpsNative : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        wps_native_cancel();
        fake_esp_reset();
    }

    void TearDown() override
    {
        wps_native_cancel();
        for (const std::string &secret : _secrets)
        {
            EXPECT_FALSE(fake_esp_log_contains(secret.c_str())) << "passphrase leaked into the log: " << secret;
        }
    }

    // Remembers a passphrase so TearDown can prove it never reached a log line.
    const std::string &Secret(const std::string &passphrase)
    {
        _secrets.push_back(passphrase);
        return _secrets.back();
    }

    void StartSession()
    {
        ASSERT_EQ(ESP_OK, wps_native_start());
        ASSERT_EQ(WPS_NATIVE_STATUS_IN_PROGRESS, wps_native_poll());
    }

  private:
    std::vector<std::string> _secrets;
};

TEST_F(WpsNative, Start_WhenIdle_RegistersThenEnablesPushButtonThenStarts)
{
    EXPECT_EQ(ESP_OK, wps_native_start());

    int registerAt = fake_esp_find_call("register", 0);
    int enableAt = fake_esp_find_call("enable", 0);
    int startAt = fake_esp_find_call("start", 0);
    EXPECT_GE(registerAt, 0);
    EXPECT_GT(enableAt, registerAt);
    EXPECT_GT(startAt, enableAt);
    EXPECT_EQ(ESP_EVENT_ANY_ID, g_fake_esp.registeredEventId);
    EXPECT_EQ(WPS_TYPE_PBC, g_fake_esp.enabledType);
#if FAKE_IDF_VERSION_MAJOR >= 6
    EXPECT_EQ(-1, g_fake_esp.startTimeoutMs) << "v6 prototype esp_wifi_wps_start(void) expected";
#else
    EXPECT_EQ(0, g_fake_esp.startTimeoutMs) << "v5 prototype esp_wifi_wps_start(int) expected";
#endif
    EXPECT_EQ(WPS_NATIVE_STATUS_IN_PROGRESS, wps_native_poll());
    EXPECT_EQ(0, fake_esp_count_calls("disable"));
    EXPECT_EQ(0, fake_esp_count_calls("unregister"));
}

TEST_F(WpsNative, Start_WhenRegisterFails_ReturnsErrorAndTouchesNoWps)
{
    g_fake_esp.registerResult = ESP_ERR_NO_MEM;

    EXPECT_EQ(ESP_ERR_NO_MEM, wps_native_start());

    EXPECT_EQ(0, fake_esp_count_calls("enable"));
    EXPECT_EQ(0, fake_esp_count_calls("start"));
    EXPECT_EQ(WPS_NATIVE_STATUS_IDLE, wps_native_poll());
    EXPECT_TRUE(fake_esp_log_contains("Failed to register the WPS event handler"));
}

TEST_F(WpsNative, Start_WhenEnableFails_ReturnsErrorAndUnregistersHandler)
{
    g_fake_esp.enableResult = ESP_ERR_WIFI_STATE;

    EXPECT_EQ(ESP_ERR_WIFI_STATE, wps_native_start());

    EXPECT_EQ(0, fake_esp_count_calls("start"));
    EXPECT_EQ(1, fake_esp_count_calls("unregister"));
    EXPECT_FALSE(g_fake_esp.handlerRegistered);
    EXPECT_EQ(WPS_NATIVE_STATUS_IDLE, wps_native_poll());
    EXPECT_TRUE(fake_esp_log_contains("Failed to enable WPS (ESP_ERR_WIFI_STATE)"));
}

TEST_F(WpsNative, Start_WhenStartFails_DisablesWpsAndUnregistersHandler)
{
    g_fake_esp.startResult = ESP_ERR_WIFI_MODE;

    EXPECT_EQ(ESP_ERR_WIFI_MODE, wps_native_start());

    EXPECT_EQ(1, fake_esp_count_calls("disable"));
    EXPECT_EQ(1, fake_esp_count_calls("unregister"));
    EXPECT_GT(fake_esp_find_call("disable", 0), fake_esp_find_call("start", 0));
    EXPECT_FALSE(g_fake_esp.wpsEnabled);
    EXPECT_FALSE(g_fake_esp.handlerRegistered);
    EXPECT_EQ(WPS_NATIVE_STATUS_IDLE, wps_native_poll());
    EXPECT_TRUE(fake_esp_log_contains("Failed to start WPS"));
}

TEST_F(WpsNative, Start_WhileInProgress_IsRejectedWithoutSideEffects)
{
    StartSession();
    int callsBefore = g_fake_esp.callCount;

    EXPECT_EQ(ESP_ERR_INVALID_STATE, wps_native_start());

    EXPECT_EQ(callsBefore, g_fake_esp.callCount);
    EXPECT_EQ(WPS_NATIVE_STATUS_IN_PROGRESS, wps_native_poll());
    EXPECT_TRUE(g_fake_esp.handlerRegistered);
}

TEST_F(WpsNative, Success_WithOneCredentialAndNoEventData_ReadsTheConfigEspIdfApplied)
{
    // ESP-IDF v5.5.4 wps_finish(): one credential -> it sets the station config and connects itself, then posts
    // WIFI_EVENT_STA_WPS_ER_SUCCESS without data.
    const std::string &pass = Secret("correct horse battery");
    std::memcpy(g_fake_esp.stationConfig.sta.ssid, "HomeNet", 7);
    std::memcpy(g_fake_esp.stationConfig.sta.password, pass.data(), pass.size());
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, nullptr));

    EXPECT_EQ(WPS_NATIVE_STATUS_SUCCESS, wps_native_poll());
    EXPECT_EQ(1, wps_native_credential_count());
    EXPECT_EQ("HomeNet", CopySsid());
    EXPECT_EQ(pass, CopyPassphrase());
    EXPECT_EQ(0, fake_esp_count_calls("set_config")) << "ESP-IDF already applied the single credential";
    EXPECT_EQ(0, fake_esp_count_calls("connect")) << "ESP-IDF already called esp_wifi_connect";
    EXPECT_EQ(WPS_NATIVE_FAIL_REASON_NONE, wps_native_fail_reason());
}

TEST_F(WpsNative, Success_WithOneCredentialInEventData_AppliesAndConnects)
{
    wifi_event_sta_wps_er_success_t event = {};
    event.ap_cred_cnt = 1;
    SetCredential(event, 0, "Attic", Secret("attic-passphrase-1"));
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, &event));

    EXPECT_EQ(WPS_NATIVE_STATUS_SUCCESS, wps_native_poll());
    EXPECT_EQ("Attic", StationSsid());
    EXPECT_EQ("attic-passphrase-1", StationPassword());
    EXPECT_LT(fake_esp_find_call("set_config", 0), fake_esp_find_call("connect", 0));
}

TEST_F(WpsNative, Success_WithThreeCredentials_TakesTheFirstAndAppliesIt)
{
    wifi_event_sta_wps_er_success_t event = {};
    event.ap_cred_cnt = 3;
    SetCredential(event, 0, "Home-2G", Secret("first-pass-2g"));
    SetCredential(event, 1, "Home-5G", Secret("second-pass-5g"));
    SetCredential(event, 2, "Home-Guest", Secret("third-pass-guest"));
    std::memcpy(g_fake_esp.stationConfig.sta.ssid, "OldNet", 6);
    g_fake_esp.stationConfig.sta.bssid_set = true;
    g_fake_esp.stationConfig.sta.channel = 6;
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, &event));

    EXPECT_EQ(WPS_NATIVE_STATUS_SUCCESS, wps_native_poll());
    EXPECT_EQ(3, wps_native_credential_count());
    EXPECT_EQ("Home-2G", CopySsid());
    EXPECT_EQ("first-pass-2g", CopyPassphrase());
    EXPECT_EQ(1, g_fake_esp.setConfigCalls);
    EXPECT_EQ(1, g_fake_esp.connectCalls);
    EXPECT_EQ("Home-2G", StationSsid());
    EXPECT_EQ("first-pass-2g", StationPassword());
    EXPECT_FALSE(g_fake_esp.stationConfig.sta.bssid_set) << "a stale BSSID pin would block the new network";
    EXPECT_EQ(6, g_fake_esp.stationConfig.sta.channel) << "other station fields are preserved";
}

TEST_F(WpsNative, Success_With32ByteSsidWithoutNul_CopiesExactly32Bytes)
{
    const std::string ssid(32, 'S');
    wifi_event_sta_wps_er_success_t event = {};
    event.ap_cred_cnt = 2;
    SetCredential(event, 0, ssid, Secret("PPPPPPPPPPPP"));
    SetCredential(event, 1, "other", Secret("another-secret"));
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, &event));

    ASSERT_EQ(WPS_NATIVE_STATUS_SUCCESS, wps_native_poll());
    EXPECT_EQ(ssid, CopySsid()) << "the SSID must stop at 32 bytes, not run into the passphrase";
    EXPECT_EQ(ssid, StationSsid());
}

TEST_F(WpsNative, Success_With64CharHexPassphrase_CopiesAll64Characters)
{
    const std::string psk = "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789ABCDEF";
    ASSERT_EQ(64u, psk.size());
    wifi_event_sta_wps_er_success_t event = {};
    event.ap_cred_cnt = 2;
    SetCredential(event, 0, "HexNet", Secret(psk));
    SetCredential(event, 1, "ZZZZ", Secret("zzzz-next-credential"));
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, &event));

    ASSERT_EQ(WPS_NATIVE_STATUS_SUCCESS, wps_native_poll());
    EXPECT_EQ(psk, CopyPassphrase());
    EXPECT_EQ(psk, StationPassword());
}

TEST_F(WpsNative, Success_WithGarbageCredentialCount_ClampsToThree)
{
    wifi_event_sta_wps_er_success_t event = {};
    event.ap_cred_cnt = 200;
    SetCredential(event, 0, "Clamped", Secret("clamped-pass"));
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, &event));

    EXPECT_EQ(WPS_NATIVE_STATUS_SUCCESS, wps_native_poll());
    EXPECT_EQ(MAX_WPS_AP_CRED, wps_native_credential_count());
    EXPECT_EQ("Clamped", CopySsid());
    EXPECT_TRUE(fake_esp_log_contains("clamping to 3"));
}

TEST_F(WpsNative, Success_WithFullyFilledGarbageFields_NeverReadsPastTheArrays)
{
    // Every byte non-zero: no NUL anywhere, so lengths must come from the array sizes (ASan catches overreads).
    wifi_event_sta_wps_er_success_t event;
    std::memset(&event, 0xA5, sizeof(event));
    event.ap_cred_cnt = 255;
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, &event));

    ASSERT_EQ(WPS_NATIVE_STATUS_SUCCESS, wps_native_poll());
    EXPECT_EQ(std::string(32, '\xA5'), CopySsid());
    EXPECT_EQ(std::string(64, '\xA5'), CopyPassphrase());
    Secret(std::string(64, '\xA5'));
}

TEST_F(WpsNative, Success_WithEmptySsid_ReportsFailedWithNoCredentials)
{
    wifi_event_sta_wps_er_success_t event = {};
    event.ap_cred_cnt = 1;
    SetCredential(event, 0, "", Secret("orphan-passphrase"));
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, &event));

    EXPECT_EQ(WPS_NATIVE_STATUS_FAILED, wps_native_poll());
    EXPECT_EQ(WPS_NATIVE_FAIL_REASON_NO_CREDENTIALS, wps_native_fail_reason());
    EXPECT_EQ("<none>", CopySsid());
    EXPECT_EQ("<none>", CopyPassphrase());
    EXPECT_EQ(0, g_fake_esp.setConfigCalls);
}

TEST_F(WpsNative, Success_WithoutEventDataWhenConfigUnreadable_ReportsFailedWithNoCredentials)
{
    g_fake_esp.getConfigResult = ESP_ERR_WIFI_NOT_INIT;
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, nullptr));

    EXPECT_EQ(WPS_NATIVE_STATUS_FAILED, wps_native_poll());
    EXPECT_EQ(WPS_NATIVE_FAIL_REASON_NO_CREDENTIALS, wps_native_fail_reason());
    EXPECT_TRUE(fake_esp_log_contains("Failed to read the WPS credential"));
}

TEST_F(WpsNative, Success_WhenApplyingFails_KeepsTheCredentialsForTheManagedSide)
{
    wifi_event_sta_wps_er_success_t event = {};
    event.ap_cred_cnt = 2;
    SetCredential(event, 0, "Kept", Secret("kept-secret-99"));
    g_fake_esp.setConfigResult = ESP_ERR_WIFI_PASSWORD;
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, &event));

    EXPECT_EQ(WPS_NATIVE_STATUS_SUCCESS, wps_native_poll());
    EXPECT_EQ("Kept", CopySsid());
    EXPECT_EQ("kept-secret-99", CopyPassphrase());
    EXPECT_EQ(0, g_fake_esp.connectCalls);
    EXPECT_TRUE(fake_esp_log_contains("Failed to apply the WPS credential to the station"));
}

TEST_F(WpsNative, Failed_WithReason_ReportsThatReasonAndNoCredentials)
{
    wifi_event_sta_wps_fail_reason_t reason = WPS_FAIL_REASON_RECV_M2D;
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_FAILED, &reason));

    EXPECT_EQ(WPS_NATIVE_STATUS_FAILED, wps_native_poll());
    EXPECT_EQ(WPS_NATIVE_FAIL_REASON_RECV_M2D, wps_native_fail_reason());
    EXPECT_EQ(0, wps_native_credential_count());
    EXPECT_EQ("<none>", CopySsid());
    EXPECT_TRUE(fake_esp_log_contains("WPS failed (reason 1)"));
}

TEST_F(WpsNative, Failed_WithDeauthReason_ReportsDeauth)
{
    wifi_event_sta_wps_fail_reason_t reason = WPS_FAIL_REASON_RECV_DEAUTH;
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_FAILED, &reason));

    EXPECT_EQ(WPS_NATIVE_STATUS_FAILED, wps_native_poll());
    EXPECT_EQ(WPS_NATIVE_FAIL_REASON_RECV_DEAUTH, wps_native_fail_reason());
}

TEST_F(WpsNative, Failed_WithoutEventData_ReportsNormalReason)
{
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_FAILED, nullptr));

    EXPECT_EQ(WPS_NATIVE_STATUS_FAILED, wps_native_poll());
    EXPECT_EQ(WPS_NATIVE_FAIL_REASON_NORMAL, wps_native_fail_reason());
}

TEST_F(WpsNative, Timeout_ReportsTimeout)
{
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_TIMEOUT, nullptr));

    EXPECT_EQ(WPS_NATIVE_STATUS_TIMEOUT, wps_native_poll());
    EXPECT_EQ(WPS_NATIVE_FAIL_REASON_NONE, wps_native_fail_reason());
    EXPECT_TRUE(fake_esp_log_contains("wps: InProgress -> Timeout"));
}

TEST_F(WpsNative, PbcOverlap_ReportsPbcOverlap)
{
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_PBC_OVERLAP, nullptr));

    EXPECT_EQ(WPS_NATIVE_STATUS_PBC_OVERLAP, wps_native_poll());
    EXPECT_TRUE(fake_esp_log_contains("PBC overlap"));
}

TEST_F(WpsNative, PinAndUnrelatedEvents_AreIgnoredWhileInProgress)
{
    wifi_event_sta_wps_er_success_t unrelated = {};
    StartSession();

    fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_PIN, &unrelated);
    fake_esp_post_wifi_event(WIFI_EVENT_STA_DISCONNECTED, &unrelated);
    g_fake_esp.registeredHandler(nullptr, "IP_EVENT", WIFI_EVENT_STA_WPS_ER_SUCCESS, &unrelated);

    EXPECT_EQ(WPS_NATIVE_STATUS_IN_PROGRESS, wps_native_poll());
    EXPECT_EQ(0, fake_esp_count_calls("get_config"));
}

TEST_F(WpsNative, Poll_AfterTheSessionEnded_ReleasesWpsAndHandlerOnce)
{
    StartSession();
    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_TIMEOUT, nullptr));

    EXPECT_EQ(WPS_NATIVE_STATUS_TIMEOUT, wps_native_poll());
    EXPECT_EQ(WPS_NATIVE_STATUS_TIMEOUT, wps_native_poll());

    EXPECT_EQ(1, fake_esp_count_calls("disable"));
    EXPECT_EQ(1, fake_esp_count_calls("unregister"));
    EXPECT_FALSE(g_fake_esp.handlerRegistered);
}

TEST_F(WpsNative, Cancel_WhileInProgress_DisablesUnregistersAndReturnsToIdle)
{
    StartSession();

    EXPECT_EQ(ESP_OK, wps_native_cancel());

    EXPECT_EQ(1, fake_esp_count_calls("disable"));
    EXPECT_EQ(1, fake_esp_count_calls("unregister"));
    EXPECT_LT(fake_esp_find_call("disable", 0), fake_esp_find_call("unregister", 0));
    EXPECT_FALSE(g_fake_esp.wpsEnabled);
    EXPECT_FALSE(g_fake_esp.handlerRegistered);
    EXPECT_EQ(WPS_NATIVE_STATUS_IDLE, wps_native_poll());
}

TEST_F(WpsNative, Cancel_WhenIdle_IsHarmless)
{
    EXPECT_EQ(ESP_OK, wps_native_cancel());

    EXPECT_EQ(0, g_fake_esp.callCount);
    EXPECT_EQ(WPS_NATIVE_STATUS_IDLE, wps_native_poll());
}

TEST_F(WpsNative, Cancel_WhenDisableFails_StillUnregistersAndReportsTheError)
{
    StartSession();
    g_fake_esp.disableResult = ESP_FAIL;

    EXPECT_EQ(ESP_FAIL, wps_native_cancel());

    EXPECT_FALSE(g_fake_esp.handlerRegistered);
    EXPECT_EQ(WPS_NATIVE_STATUS_IDLE, wps_native_poll());
    EXPECT_TRUE(fake_esp_log_contains("Failed to disable WPS"));
}

TEST_F(WpsNative, Cancel_AfterSuccess_WipesTheCredentials)
{
    wifi_event_sta_wps_er_success_t event = {};
    event.ap_cred_cnt = 2;
    SetCredential(event, 0, "Wiped", Secret("wiped-secret-1"));
    StartSession();
    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, &event));
    ASSERT_EQ(WPS_NATIVE_STATUS_SUCCESS, wps_native_poll());

    wps_native_cancel();

    EXPECT_EQ(WPS_NATIVE_STATUS_IDLE, wps_native_poll());
    EXPECT_EQ("<none>", CopySsid());
    EXPECT_EQ("<none>", CopyPassphrase());
    EXPECT_EQ(0, wps_native_credential_count());
}

TEST_F(WpsNative, EventAfterCancel_IsIgnored)
{
    // The event loop may already hold an event for the handler when cancel unregisters it: calling the stale
    // handler must not resurrect a result.
    wifi_event_sta_wps_er_success_t event = {};
    event.ap_cred_cnt = 2;
    SetCredential(event, 0, "Late", Secret("late-secret-7"));
    StartSession();
    wps_native_cancel();
    ASSERT_FALSE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, &event)) << "handler must be unregistered";

    g_fake_esp.lastHandler(nullptr, WIFI_EVENT, WIFI_EVENT_STA_WPS_ER_SUCCESS, &event);

    EXPECT_EQ(WPS_NATIVE_STATUS_IDLE, wps_native_poll());
    EXPECT_EQ("<none>", CopySsid());
    EXPECT_EQ(0, g_fake_esp.setConfigCalls);
    EXPECT_TRUE(fake_esp_log_contains("Ignoring WPS event"));
}

TEST_F(WpsNative, SecondTerminalEvent_IsIgnored)
{
    wifi_event_sta_wps_er_success_t event = {};
    wifi_event_sta_wps_fail_reason_t reason = WPS_FAIL_REASON_RECV_DEAUTH;
    event.ap_cred_cnt = 2;
    SetCredential(event, 0, "First", Secret("first-secret-3"));
    StartSession();
    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, &event));

    // Before any poll the handler is still registered: a stray FAILED must not overwrite the success.
    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_FAILED, &reason));

    EXPECT_EQ(WPS_NATIVE_STATUS_SUCCESS, wps_native_poll());
    EXPECT_EQ("First", CopySsid());
    EXPECT_EQ(WPS_NATIVE_FAIL_REASON_NONE, wps_native_fail_reason());
}

TEST_F(WpsNative, StartAfterAFinishedSession_ForgetsTheOldResultAndStartsClean)
{
    wifi_event_sta_wps_er_success_t event = {};
    event.ap_cred_cnt = 2;
    SetCredential(event, 0, "Old", Secret("old-secret-5"));
    StartSession();
    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, &event));
    // No poll: the finished session still holds the handler and WPS.

    EXPECT_EQ(ESP_OK, wps_native_start());

    EXPECT_EQ(WPS_NATIVE_STATUS_IN_PROGRESS, wps_native_poll());
    EXPECT_EQ("<none>", CopySsid());
    EXPECT_EQ(2, fake_esp_count_calls("register"));
    EXPECT_EQ(1, fake_esp_count_calls("unregister"));
    EXPECT_TRUE(g_fake_esp.handlerRegistered);
}

TEST_F(WpsNative, CopyCredentials_IntoTooSmallOrNullBuffer_ReturnsMinusOne)
{
    wifi_event_sta_wps_er_success_t event = {};
    uint8_t small[4];
    event.ap_cred_cnt = 2;
    SetCredential(event, 0, "LongerThanFour", Secret("longer-than-four"));
    StartSession();
    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, &event));
    ASSERT_EQ(WPS_NATIVE_STATUS_SUCCESS, wps_native_poll());

    EXPECT_EQ(-1, wps_native_copy_ssid(small, sizeof(small)));
    EXPECT_EQ(-1, wps_native_copy_passphrase(small, sizeof(small)));
    EXPECT_EQ(-1, wps_native_copy_ssid(nullptr, 32));
    EXPECT_EQ(-1, wps_native_copy_passphrase(nullptr, 64));
}

TEST_F(WpsNative, Passphrase_NeverAppearsInAnyLogLine)
{
    const std::string &pass = Secret("Sup3r-Secret-Passphrase!");
    wifi_event_sta_wps_er_success_t event = {};
    event.ap_cred_cnt = 2;
    SetCredential(event, 0, "LogNet", pass);
    SetCredential(event, 1, "LogNet5", Secret("Another-Secret-For-5GHz"));
    g_fake_esp.connectResult = ESP_ERR_WIFI_CONN; // also exercise the error log path
    StartSession();

    ASSERT_TRUE(fake_esp_post_wifi_event(WIFI_EVENT_STA_WPS_ER_SUCCESS, &event));
    ASSERT_EQ(WPS_NATIVE_STATUS_SUCCESS, wps_native_poll());
    wps_native_cancel();

    ASSERT_GT(g_fake_esp.logCount, 0);
    EXPECT_TRUE(fake_esp_log_contains("LogNet")) << "the SSID is not secret and is logged";
    EXPECT_TRUE(fake_esp_log_contains("passphrase of 24 bytes"));
    for (int i = 0; i < g_fake_esp.logCount; i++)
    {
        EXPECT_EQ(nullptr, std::strstr(g_fake_esp.log[i], "Secret")) << g_fake_esp.log[i];
    }
}

} // namespace

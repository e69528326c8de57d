// Host tests of clr_watchdog.c (the interpreter-thread task watchdog of the custom image) against a fake esp_task_wdt.
#include <gtest/gtest.h>

extern "C" {
#include "clr_watchdog.h"
#include "esp_task_wdt.h"
#include "fake_esp.h"
}

class ClrWatchdogTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        fake_esp_reset();
        fake_task_wdt_reset_state();
        clr_watchdog_forget();
    }
};

TEST_F(ClrWatchdogTest, FirstResetStartsTheWatchdogOnTheCallingTaskWithPanic)
{
    Watchdog_Reset();

    EXPECT_TRUE(clr_watchdog_is_running());
    EXPECT_EQ(1, g_fake_task_wdt.initCalls);
    EXPECT_EQ(CLR_WATCHDOG_TIMEOUT_MS, g_fake_task_wdt.lastConfig.timeout_ms);
    EXPECT_TRUE(g_fake_task_wdt.lastConfig.trigger_panic);
    EXPECT_EQ(0u, g_fake_task_wdt.lastConfig.idle_core_mask);
    EXPECT_EQ(1, g_fake_task_wdt.addCalls);
    EXPECT_EQ(nullptr, g_fake_task_wdt.lastAdded); // NULL = the calling (interpreter) task
    EXPECT_EQ(1, g_fake_task_wdt.resetCalls);
}

TEST_F(ClrWatchdogTest, LaterResetsOnlyFeed)
{
    for (int i = 0; i < 100; i++)
    {
        Watchdog_Reset();
    }

    EXPECT_EQ(1, g_fake_task_wdt.initCalls);
    EXPECT_EQ(1, g_fake_task_wdt.addCalls);
    EXPECT_EQ(100, g_fake_task_wdt.resetCalls);
}

TEST_F(ClrWatchdogTest, AlreadyInitialisedWatchdogIsReconfigured)
{
    g_fake_task_wdt.initResult = ESP_ERR_INVALID_STATE;

    EXPECT_EQ(ESP_OK, clr_watchdog_start(60000));

    EXPECT_EQ(1, g_fake_task_wdt.reconfigureCalls);
    EXPECT_TRUE(clr_watchdog_is_running());
}

TEST_F(ClrWatchdogTest, TaskAlreadySubscribedCountsAsRunning)
{
    g_fake_task_wdt.addResult = ESP_ERR_INVALID_ARG;

    EXPECT_EQ(ESP_OK, clr_watchdog_start(60000));
    EXPECT_TRUE(clr_watchdog_is_running());
}

TEST_F(ClrWatchdogTest, FailedStartIsLoggedOnceAndNeverFeeds)
{
    g_fake_task_wdt.initResult = ESP_ERR_NO_MEM;

    Watchdog_Reset();
    Watchdog_Reset();
    Watchdog_Init();

    EXPECT_FALSE(clr_watchdog_is_running());
    EXPECT_EQ(1, g_fake_task_wdt.initCalls);
    EXPECT_EQ(0, g_fake_task_wdt.resetCalls);
    EXPECT_TRUE(fake_esp_log_contains("Failed to start the task watchdog"));
}

TEST_F(ClrWatchdogTest, FailedSubscriptionIsLoggedAndNeverFeeds)
{
    g_fake_task_wdt.addResult = ESP_ERR_NO_MEM;

    Watchdog_Reset();

    EXPECT_FALSE(clr_watchdog_is_running());
    EXPECT_EQ(0, g_fake_task_wdt.resetCalls);
    EXPECT_TRUE(fake_esp_log_contains("Failed to subscribe"));
}

TEST_F(ClrWatchdogTest, InitThenResetStartsOnce)
{
    Watchdog_Init();
    Watchdog_Reset();

    EXPECT_EQ(1, g_fake_task_wdt.initCalls);
    EXPECT_EQ(1, g_fake_task_wdt.resetCalls);
}

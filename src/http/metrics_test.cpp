#include "http/metrics.hpp"

#include <gtest/gtest.h>

#include "http/worker_pool.hpp"

namespace simreg::http {
namespace {

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

TEST(MetricsTest, RendersCountersHistogramsAndGauges) {
  Metrics metrics;
  metrics.observe_request("/api/v1/things/{id}", "GET", 200, 0.003);
  metrics.observe_request("/api/v1/things/{id}", "GET", 200, 0.2);
  metrics.observe_request("/api/v1/things/{id}", "GET", 404, 20.0);
  metrics.request_started();
  const std::string text = metrics.render();
  const std::vector<std::string> expected = {
      "# TYPE simreg_http_requests_total counter\n",
      "simreg_http_requests_total{route=\"/api/v1/things/{id}\",method=\"GET\",status=\"200\"} 2\n",
      "simreg_http_requests_total{route=\"/api/v1/things/{id}\",method=\"GET\",status=\"404\"} 1\n",
      "# TYPE simreg_http_request_duration_seconds histogram\n",
      "simreg_http_request_duration_seconds_bucket{route=\"/api/v1/things/{id}\",le=\"0.005\"} 1\n",
      "simreg_http_request_duration_seconds_bucket{route=\"/api/v1/things/{id}\",le=\"0.1\"} 1\n",
      "simreg_http_request_duration_seconds_bucket{route=\"/api/v1/things/{id}\",le=\"0.25\"} 2\n",
      "simreg_http_request_duration_seconds_bucket{route=\"/api/v1/things/{id}\",le=\"10\"} 2\n",
      "simreg_http_request_duration_seconds_bucket{route=\"/api/v1/things/{id}\",le=\"+Inf\"} 3\n",
      "simreg_http_request_duration_seconds_count{route=\"/api/v1/things/{id}\"} 3\n",
      "simreg_http_in_flight 1\n",
  };
  for (const auto& line : expected) EXPECT_TRUE(contains(text, line)) << line << "\nin:\n" << text;
  // Without a watched pool the queue gauges are omitted, not faked as zero.
  EXPECT_FALSE(contains(text, "simreg_worker_queue_depth"));
  metrics.request_finished();
  EXPECT_TRUE(contains(metrics.render(), "simreg_http_in_flight 0\n"));
}

TEST(MetricsTest, PoolGaugesAndCollectors) {
  WorkerPool pool(1, 7);
  Metrics metrics;
  metrics.watch_pool(&pool);
  metrics.add_collector([] { return std::string("simreg_db_pool_in_use 3\n"); });
  const std::string text = metrics.render();
  EXPECT_TRUE(contains(text, "simreg_worker_queue_depth 0\n"));
  EXPECT_TRUE(contains(text, "simreg_worker_queue_capacity 7\n"));
  EXPECT_TRUE(contains(text, "simreg_worker_threads 1\n"));
  EXPECT_TRUE(contains(text, "simreg_worker_busy 0\n") || contains(text, "simreg_worker_busy 1\n"));
  EXPECT_TRUE(contains(text, "simreg_db_pool_in_use 3\n"));
}

TEST(MetricsTest, EscapesLabelValues) {
  EXPECT_EQ(escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  EXPECT_EQ(escape_label_value("/api/{id}"), "/api/{id}");
}

}  // namespace
}  // namespace simreg::http

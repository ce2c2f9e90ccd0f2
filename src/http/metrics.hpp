// Metrics: request counters, latency histograms and gauges in the Prometheus text exposition
// format (version 0.0.4). Labels are route patterns, never raw paths, so cardinality stays bounded.
// Thread-safe: every member may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace simreg::http {

class WorkerPool;

class Metrics {
 public:
  // Upper bounds (seconds) of the request duration histogram buckets; +Inf is implicit.
  static constexpr double kBuckets[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  void observe_request(std::string_view route_pattern, std::string_view method, unsigned status,
                       double seconds);

  // Extra exposition text appended to render() (db pool, SLA gauges); each must end in '\n'.
  void add_collector(std::function<std::string()> collector);

  // The worker pool whose queue depth and capacity render() reports; the Server attaches its
  // pool. Without one the two gauges are omitted rather than reported as zero.
  void watch_pool(const WorkerPool* pool);

  // In-flight requests gauge, moved by the server around each request.
  void request_started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void request_finished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }

  std::string render() const;

 private:
  struct Histogram {
    std::vector<std::uint64_t> buckets = std::vector<std::uint64_t>(std::size(kBuckets), 0);
    std::uint64_t count = 0;
    double sum = 0;
  };
  struct Counter {
    std::string method;
    unsigned status = 0;
    std::uint64_t count = 0;
  };
  // Per route pattern. observe_request() runs once per request: finding an existing route and
  // counter compares string_views and allocates nothing (a route sees a handful of method/status
  // pairs, so a short vector beats a map).
  struct RouteStats {
    std::vector<Counter> counters;
    Histogram durations;
  };

  mutable std::mutex mutex_;
  std::map<std::string, RouteStats, std::less<>> routes_;
  std::vector<std::function<std::string()>> collectors_;
  const WorkerPool* pool_ = nullptr;
  std::atomic<std::int64_t> in_flight_{0};
};

// Escapes a Prometheus label value (backslash, double quote, newline).
std::string escape_label_value(std::string_view value);

}  // namespace simreg::http

// Connection<Stream>: one client connection served by one coroutine on its own strand, for a plain
// beast::tcp_stream or a beast::ssl_stream over one. Reads the header first (header_limit), lets
// the Dispatcher pick the route and body limit, reads the body, answers; keep-alive with an idle
// timeout and a per-connection request cap; closes at once when idle during shutdown.
// Internal to the server; all members run on the connection's strand except close_*().
#pragma once

#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>

#include "core/log.hpp"
#include "http/client_tag.hpp"
#include "http/connection_registry.hpp"
#include "http/dispatcher.hpp"
#include "http/metrics.hpp"
#include "http/problem.hpp"
#include "http/request_id.hpp"
#include "http/wire_format.hpp"

namespace simreg::http {

struct ConnectionSettings {
  std::size_t header_limit = 16 * 1024;
  std::chrono::steady_clock::duration read_timeout = std::chrono::seconds(30);
  std::chrono::steady_clock::duration idle_timeout = std::chrono::seconds(60);
  int max_requests = 1000;
  bool tls = false;
};

namespace detail {

template <class Stream>
inline constexpr bool kIsTls = !std::is_same_v<Stream, boost::beast::tcp_stream>;

// Errors that mean the peer went away or timed out, as opposed to sending something malformed.
inline bool is_disconnect(const boost::beast::error_code& ec) {
  return ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
         ec.category() != bhttp::make_error_code(bhttp::error::bad_target).category();
}

inline std::string method_label(bhttp::verb method) {
  return method == bhttp::verb::unknown ? std::string("OTHER")
                                        : std::string(bhttp::to_string(method));
}

class InFlight {
 public:
  explicit InFlight(Metrics& metrics) : metrics_(metrics) { metrics_.request_started(); }
  ~InFlight() { metrics_.request_finished(); }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  Metrics& metrics_;
};

struct RequestInfo {
  std::string request_id;
  std::string method = "OTHER";
  std::string route = std::string(kInvalidLabel);
  unsigned version = 11;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

}  // namespace detail

template <class Stream>
class Connection final : public ConnectionControl,
                         public std::enable_shared_from_this<Connection<Stream>> {
 public:
  Connection(Stream stream, std::string client_address, const ConnectionSettings& settings,
             const Dispatcher& dispatcher, Metrics& metrics, ConnectionRegistry& registry)
      : stream_(std::move(stream)),
        client_address_(std::move(client_address)),
        client_tag_(client_tag(client_address_)),
        settings_(settings),
        dispatcher_(dispatcher),
        metrics_(metrics),
        registry_(registry) {}

  auto executor() { return stream_.get_executor(); }

  // The coroutine body; `self` keeps the connection alive until it returns.
  static boost::asio::awaitable<void> serve(std::shared_ptr<Connection> self) {
    const ConnectionRegistry::Id id = self->registry_.add(self);
    struct Unregister {
      ConnectionRegistry& registry;
      ConnectionRegistry::Id id;
      ~Unregister() { registry.remove(id); }
    } unregister{self->registry_, id};
    co_await self->run();
  }

  void close_if_idle() override {
    boost::asio::post(executor(), [self = this->shared_from_this()] {
      if (self->idle_) self->close_socket();
    });
  }

  void close_now() override {
    boost::asio::post(executor(), [self = this->shared_from_this()] { self->close_socket(); });
  }

 private:
  static constexpr std::size_t kReadChunk = 8192;
  static constexpr auto kTlsShutdownTimeout = std::chrono::seconds(3);
  static constexpr auto kLingerTimeout = std::chrono::seconds(2);
  static constexpr std::size_t kLingerLimit = 8 * 1024 * 1024;

  boost::beast::tcp_stream& lowest() { return boost::beast::get_lowest_layer(stream_); }

  void close_socket() {
    boost::beast::error_code ec;
    lowest().socket().close(ec);
  }

  boost::asio::awaitable<void> run() {
    using boost::asio::redirect_error;
    using boost::asio::use_awaitable;
    boost::beast::flat_buffer buffer;
    boost::beast::error_code ec;
    if constexpr (detail::kIsTls<Stream>) {
      lowest().expires_after(settings_.read_timeout);
      co_await stream_.async_handshake(boost::asio::ssl::stream_base::server,
                                       redirect_error(use_awaitable, ec));
      if (ec) {
        close_socket();
        co_return;
      }
    }
    int served = 0;
    for (;;) {
      if (buffer.size() == 0) {
        // Waiting for the next request: the only state in which shutdown may close us at once.
        idle_ = true;
        if (registry_.stopping()) break;
        lowest().expires_after(served == 0 ? settings_.read_timeout : settings_.idle_timeout);
        const std::size_t n = co_await stream_.async_read_some(buffer.prepare(kReadChunk),
                                                               redirect_error(use_awaitable, ec));
        idle_ = false;
        if (ec) break;
        buffer.commit(n);
      }
      ++served;
      const bool again = co_await serve_one(buffer, served);
      if (!again) break;
    }
    if (lowest().socket().is_open()) {
      if constexpr (detail::kIsTls<Stream>) {
        lowest().expires_after(std::min<std::chrono::steady_clock::duration>(settings_.read_timeout,
                                                                             kTlsShutdownTimeout));
        co_await stream_.async_shutdown(redirect_error(use_awaitable, ec));
      } else {
        lowest().socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
        if (drain_on_close_) co_await drain();
      }
    }
    close_socket();
  }

  // Lingering close: when we answered without reading the request body, closing with that body
  // still arriving would make the kernel send a reset, and the client could lose our response.
  // Read and discard it for a bounded time and size first.
  boost::asio::awaitable<void> drain() {
    std::array<char, 16 * 1024> sink;
    std::size_t drained = 0;
    boost::beast::error_code ec;
    lowest().expires_after(
        std::min<std::chrono::steady_clock::duration>(settings_.read_timeout, kLingerTimeout));
    while (drained < kLingerLimit) {
      const std::size_t n = co_await stream_.async_read_some(
          boost::asio::buffer(sink), boost::asio::redirect_error(boost::asio::use_awaitable, ec));
      if (ec) break;
      drained += n;
    }
  }

  // Serves one request; true when the connection should wait for another.
  boost::asio::awaitable<bool> serve_one(boost::beast::flat_buffer& buffer, int served) {
    using boost::asio::redirect_error;
    using boost::asio::use_awaitable;
    detail::InFlight in_flight(metrics_);
    detail::RequestInfo info;
    info.request_id = new_request_id();
    boost::beast::error_code ec;

    lowest().expires_after(settings_.read_timeout);
    bhttp::request_parser<bhttp::empty_body> head;
    head.header_limit(
        static_cast<std::uint32_t>(std::min<std::size_t>(settings_.header_limit, UINT32_MAX)));
    // Beast would refuse a large Content-Length with its 1 MiB default while still parsing the
    // header; the route's own limit is applied (as a 413) once the route is known. (Not
    // boost::none: Beast 1.74 compares the length against the optional and none always loses.)
    head.body_limit(std::numeric_limits<std::uint64_t>::max());
    co_await bhttp::async_read_header(stream_, buffer, head, redirect_error(use_awaitable, ec));
    if (ec) {
      if (detail::is_disconnect(ec)) co_return false;
      drain_on_close_ = true;
      Response response = problem_response(
          ec == bhttp::error::header_limit ? header_too_large_error() : bad_request_error());
      dispatcher_.finalize(response, info.request_id, false);
      co_await answer(response, info, false, false);
      co_return false;
    }

    const bhttp::verb method = head.get().method();
    const bool head_only = method == bhttp::verb::head;
    info.method = detail::method_label(method);
    info.version = head.get().version();
    bool keep_alive = head.get().keep_alive() && served < settings_.max_requests;
    DispatchPlan plan = dispatcher_.plan(head.get());
    info.route = plan.route_label;

    if (plan.immediate) {
      Response response = std::move(*plan.immediate);
      dispatcher_.finalize(response, info.request_id, plan.api_path);
      // An unread body would be taken for the next request: close instead of skipping it.
      drain_on_close_ = !head.is_done();
      keep_alive = keep_alive && head.is_done() && !registry_.stopping();
      const bool written = co_await answer(response, info, keep_alive, head_only);
      co_return written&& keep_alive;
    }

    if (!head.is_done() &&
        boost::beast::iequals(head.get()[bhttp::field::expect], "100-continue")) {
      bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, info.version};
      co_await bhttp::async_write(stream_, proceed, redirect_error(use_awaitable, ec));
      if (ec) co_return false;
    }
    bhttp::request_parser<bhttp::string_body> parser{std::move(head)};
    parser.body_limit(plan.body_limit);
    if (!parser.is_done()) {
      co_await bhttp::async_read(stream_, buffer, parser, redirect_error(use_awaitable, ec));
      if (ec) {
        if (ec != bhttp::error::body_limit && detail::is_disconnect(ec)) co_return false;
        drain_on_close_ = true;
        Response response = problem_response(
            ec == bhttp::error::body_limit ? payload_too_large_error() : bad_request_error());
        dispatcher_.finalize(response, info.request_id, plan.api_path);
        co_await answer(response, info, false, false);
        co_return false;
      }
    }

    Response response = co_await dispatcher_.respond(std::move(plan), parser.release(),
                                                     info.request_id, client_address_);
    keep_alive = keep_alive && !registry_.stopping();
    const bool written = co_await answer(response, info, keep_alive, head_only);
    co_return written&& keep_alive;
  }

  // Writes the response (only its header for HEAD), then records metrics and the access log line.
  boost::asio::awaitable<bool> answer(Response& response, const detail::RequestInfo& info,
                                      bool keep_alive, bool head_only) {
    using boost::asio::redirect_error;
    using boost::asio::use_awaitable;
    const unsigned status = response.result_int();
    if (status < 200 || status == 204 || status == 304) response.body().clear();
    response.version(info.version);
    response.keep_alive(keep_alive);
    response.prepare_payload();
    // HEAD: the header alone, whose Content-Length stays that of the GET body, as HEAD requires.
    const std::size_t bytes_out = head_only ? 0 : response.body().size();
    const std::string wire = serialize_response(response, head_only);
    boost::beast::error_code ec;
    lowest().expires_after(settings_.read_timeout);
    co_await boost::asio::async_write(stream_, boost::asio::buffer(wire),
                                      redirect_error(use_awaitable, ec));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - info.started).count();
    metrics_.observe_request(info.route, info.method, status, seconds);
    // Building the line costs a dozen allocations; skip it when the level filters it out anyway.
    if (!spdlog::should_log(spdlog::level::info)) co_return !ec;
    nlohmann::json fields{{"request_id", info.request_id},
                          {"method", info.method},
                          {"route", info.route},
                          {"status", status},
                          {"duration_ms", seconds * 1000.0},
                          {"bytes_out", ec ? 0 : bytes_out},
                          {"client", client_tag_},
                          {"tls", settings_.tls}};
    if (ec) fields["aborted"] = true;  // the client never got this response
    log::info("http.request", std::move(fields));
    co_return !ec;
  }

  Stream stream_;
  const std::string client_address_;
  const std::string client_tag_;
  const ConnectionSettings& settings_;
  const Dispatcher& dispatcher_;
  Metrics& metrics_;
  ConnectionRegistry& registry_;
  bool idle_ = false;            // strand-confined
  bool drain_on_close_ = false;  // strand-confined
};

}  // namespace simreg::http

#include "http/server.hpp"

#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <exception>
#include <system_error>
#include <thread>
#include <typeinfo>

#include "core/log.hpp"
#include "http/connection.hpp"
#include "http/dispatcher.hpp"
#include "http/static_files.hpp"

namespace simreg::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct Server::Impl {
  Impl(ServerOptions opts, Router& r, WorkerPool& p, Metrics& m, Authenticator a)
      : options(std::move(opts)),
        router(r),
        pool(p),
        metrics(m),
        authenticator(std::move(a)),
        ioc(std::max(1, options.io_threads)),
        control(asio::make_strand(ioc)),
        acceptor(control),
        signals(control),
        wake_reader(control),
        grace_timer(control) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
      throw std::system_error(errno, std::generic_category(), "cannot create the shutdown pipe");
    }
    wake_reader.assign(fds[0]);
    wake_write_fd = fds[1];
  }

  ~Impl() {
    if (wake_write_fd >= 0) ::close(wake_write_fd);
  }

  Result<std::uint16_t> start();
  void run();
  void begin_shutdown();
  asio::awaitable<void> accept_loop();
  asio::awaitable<void> wait_for_wake();
  void start_connection(tcp::socket socket);

  ServerOptions options;
  Router& router;
  WorkerPool& pool;
  Metrics& metrics;
  Authenticator authenticator;

  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> control;  // listener, signals, shutdown
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::posix::stream_descriptor wake_reader;
  int wake_write_fd = -1;
  asio::steady_timer grace_timer;

  std::optional<asio::ssl::context> tls;
  std::optional<StaticFiles> static_files;
  std::unique_ptr<Dispatcher> dispatcher;
  ConnectionSettings settings;
  ConnectionRegistry registry;
  bool started = false;
  bool shutting_down = false;  // control strand only
};

namespace {

Error bind_failed(const std::string& detail) {
  return Error::make(ErrorKind::internal, "server.bind_failed", detail);
}

Error tls_failed(const std::string& detail) {
  return Error::make(ErrorKind::internal, "server.tls_failed", detail);
}

void log_coroutine_failure(std::string_view event, std::exception_ptr error) {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    log::error(event, {{"exception", typeid(e).name()}});
  } catch (...) {
    log::error(event);
  }
}

RouteSpec builtin_route(std::string pattern, Handler handler) {
  RouteSpec spec;
  spec.method = bhttp::verb::get;
  spec.pattern = std::move(pattern);
  spec.access = Access::anyone;
  spec.execution = Execution::inline_on_io_thread;
  spec.body_limit = 0;
  spec.handler = std::move(handler);
  return spec;
}

}  // namespace

Result<std::uint16_t> Server::Impl::start() {
  if (started) return bind_failed("The server is already started.");
  if (options.web_root) {
    auto loaded = StaticFiles::load(*options.web_root);
    if (!loaded) return std::move(loaded).error();
    static_files.emplace(std::move(*loaded));
  }
  if (options.tls_cert_file.has_value() != options.tls_key_file.has_value()) {
    return tls_failed("TLS needs both a certificate file and a key file.");
  }
  if (options.tls_cert_file) {
    boost::system::error_code ec;
    tls.emplace(asio::ssl::context::tls_server);
    tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                         asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                         asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use,
                     ec);
    if (!ec) tls->use_certificate_chain_file(options.tls_cert_file->string(), ec);
    if (!ec) tls->use_private_key_file(options.tls_key_file->string(), asio::ssl::context::pem, ec);
    if (ec) {
      tls.reset();
      return tls_failed("The TLS certificate or key cannot be loaded: " + ec.message());
    }
  }

  boost::system::error_code ec;
  tcp::resolver resolver(ioc);
  const auto endpoints =
      resolver.resolve(options.host, std::to_string(options.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty())
    return bind_failed("Cannot resolve the listen address " + options.host + ".");
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  const std::string where = options.host + ":" + std::to_string(options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    acceptor.close();
    return bind_failed("Cannot listen on " + where + ": " + ec.message());
  }

  settings.header_limit = options.header_limit;
  settings.read_timeout = options.read_timeout;
  settings.idle_timeout = options.idle_timeout;
  settings.max_requests = std::max(1, options.max_requests_per_connection);
  settings.tls = tls.has_value();
  dispatcher = std::make_unique<Dispatcher>(router, pool, authenticator,
                                            static_files ? &*static_files : nullptr,
                                            options.allowed_origins, tls.has_value());
  started = true;
  const std::uint16_t port = acceptor.local_endpoint().port();
  log::info("http.listening",
            {{"port", port}, {"tls", tls.has_value()}, {"io_threads", options.io_threads}});
  return port;
}

void Server::Impl::run() {
  if (!started) {
    log::error("http.run_without_start");
    return;
  }
  signals.add(SIGINT);
  signals.add(SIGTERM);
  signals.async_wait([this](const boost::system::error_code& ec, int) {
    if (!ec) begin_shutdown();
  });
  asio::co_spawn(control, accept_loop(),
                 [](std::exception_ptr e) { log_coroutine_failure("http.accept_loop_failed", e); });
  asio::co_spawn(control, wait_for_wake(),
                 [](std::exception_ptr e) { log_coroutine_failure("http.wake_failed", e); });

  std::vector<std::thread> extra;
  for (int i = 1; i < options.io_threads; ++i) extra.emplace_back([this] { ioc.run(); });
  ioc.run();
  for (auto& thread : extra) thread.join();
  log::info("http.stopped");
}

asio::awaitable<void> Server::Impl::wait_for_wake() {
  char byte = 0;
  boost::system::error_code ec;
  co_await wake_reader.async_read_some(asio::buffer(&byte, 1),
                                       asio::redirect_error(asio::use_awaitable, ec));
  if (ec != asio::error::operation_aborted) begin_shutdown();
}

asio::awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket(asio::make_strand(ioc));
    co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (!acceptor.is_open() || ec == asio::error::operation_aborted) co_return;
      // Out of file descriptors and the like: back off instead of spinning on the error.
      log::warn("http.accept_failed", {{"error", ec.message()}});
      asio::steady_timer pause(control, std::chrono::milliseconds(100));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    start_connection(std::move(socket));
  }
}

void Server::Impl::start_connection(tcp::socket socket) {
  boost::system::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  if (ec) return;  // the peer is already gone
  std::string client = remote.address().to_string();
  auto on_done = [](std::exception_ptr e) { log_coroutine_failure("http.connection_failed", e); };
  if (tls) {
    using Stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;
    auto connection =
        std::make_shared<Connection<Stream>>(Stream(std::move(socket), *tls), std::move(client),
                                             settings, *dispatcher, metrics, registry);
    asio::co_spawn(connection->executor(), Connection<Stream>::serve(connection), on_done);
  } else {
    using Stream = boost::beast::tcp_stream;
    auto connection = std::make_shared<Connection<Stream>>(
        Stream(std::move(socket)), std::move(client), settings, *dispatcher, metrics, registry);
    asio::co_spawn(connection->executor(), Connection<Stream>::serve(connection), on_done);
  }
}

void Server::Impl::begin_shutdown() {
  if (shutting_down) return;
  shutting_down = true;
  log::info("http.shutdown_started", {{"connections", registry.size()}});
  boost::system::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  signals.clear(ec);
  // Cancel, not close: a later stop() must still find a reader or write(2) would raise SIGPIPE.
  wake_reader.cancel(ec);
  grace_timer.expires_after(options.shutdown_grace);
  grace_timer.async_wait([this](const boost::system::error_code& wait_error) {
    if (wait_error) return;
    log::warn("http.shutdown_grace_expired", {{"connections", registry.size()}});
    registry.close_all();
  });
  registry.begin_shutdown([this] { asio::post(control, [this] { grace_timer.cancel(); }); });
}

Server::Server(ServerOptions options, Router& router, WorkerPool& pool, Metrics& metrics,
               Authenticator authenticator)
    : impl_(std::make_unique<Impl>(std::move(options), router, pool, metrics,
                                   std::move(authenticator))) {
  metrics.watch_pool(&pool);
  router.add(builtin_route("/healthz", [](RequestContext&) {
    return json_response(200, {{"status", "ok"}});
  }));
  router.add(builtin_route("/metrics", [&metrics](RequestContext&) {
    Response response{bhttp::status::ok, 11};
    response.set(bhttp::field::content_type, "text/plain; version=0.0.4");
    response.body() = metrics.render();
    response.prepare_payload();
    return response;
  }));
}

// The metrics object usually outlives the server; stop it reading a pool that may go next.
Server::~Server() { impl_->metrics.watch_pool(nullptr); }

Result<std::uint16_t> Server::start() { return impl_->start(); }

void Server::run() { impl_->run(); }

void Server::set_allowed_origins(std::vector<std::string> origins) {
  impl_->options.allowed_origins = origins;
  if (impl_->dispatcher) impl_->dispatcher->set_allowed_origins(std::move(origins));
}

void Server::stop() {
  const int fd = impl_->wake_write_fd;
  if (fd < 0) return;
  const char byte = 1;
  // A full pipe (EAGAIN) means a wake-up is already pending, which is all stop() needs.
  [[maybe_unused]] const auto written = ::write(fd, &byte, 1);
}

}  // namespace simreg::http

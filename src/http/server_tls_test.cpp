#include "http/server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <memory>

#include "http/http_test_client.hpp"

namespace simreg::http {
namespace {

using testing::ClientResponse;
using testing::TempDir;

// A self-signed P-256 certificate for 127.0.0.1 (IP SAN), written as PEM files.
void write_self_signed(const std::filesystem::path& cert_file,
                       const std::filesystem::path& key_file) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  ASSERT_NE(key, nullptr);
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  ASSERT_NE(cert, nullptr);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  std::unique_ptr<X509_EXTENSION, decltype(&X509_EXTENSION_free)> san(
      X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1"),
      X509_EXTENSION_free);
  ASSERT_NE(san, nullptr);
  X509_add_ext(cert.get(), san.get(), -1);
  ASSERT_GT(X509_sign(cert.get(), key.get(), EVP_sha256()), 0);

  FILE* key_out = std::fopen(key_file.c_str(), "wb");
  ASSERT_NE(key_out, nullptr);
  PEM_write_PrivateKey(key_out, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(key_out);
  FILE* cert_out = std::fopen(cert_file.c_str(), "wb");
  ASSERT_NE(cert_out, nullptr);
  PEM_write_X509(cert_out, cert.get());
  std::fclose(cert_out);
}

ClientResponse tls_get(std::uint16_t port, const std::filesystem::path& trusted_cert,
                       const std::string& target) {
  boost::asio::io_context ioc;
  boost::asio::ssl::context ctx(boost::asio::ssl::context::tls_client);
  ctx.load_verify_file(trusted_cert.string());
  ctx.set_verify_mode(boost::asio::ssl::verify_peer);
  ctx.set_verify_callback(boost::asio::ssl::host_name_verification("127.0.0.1"));
  boost::beast::ssl_stream<boost::beast::tcp_stream> stream(ioc, ctx);
  boost::beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
  boost::beast::get_lowest_layer(stream).connect(
      boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  stream.handshake(boost::asio::ssl::stream_base::client);
  bhttp::write(stream, testing::make_request(bhttp::verb::get, target));
  boost::beast::flat_buffer buffer;
  ClientResponse response;
  bhttp::read(stream, buffer, response);
  boost::beast::error_code ec;
  stream.shutdown(ec);  // the server may close first; either way the exchange is complete
  return response;
}

TEST(ServerTlsTest, ServesHttpsWithHsts) {
  TempDir dir;
  const auto cert = dir.path() / "cert.pem";
  const auto key = dir.path() / "key.pem";
  write_self_signed(cert, key);
  ServerOptions options;
  options.tls_cert_file = cert;
  options.tls_key_file = key;
  testing::TestServer server([](Router&) {}, options);

  const ClientResponse response = tls_get(server.port(), cert, "/healthz");
  EXPECT_EQ(response.result_int(), 200u);
  EXPECT_EQ(response.body(), R"({"status":"ok"})");
  EXPECT_EQ(response[bhttp::field::strict_transport_security],
            "max-age=63072000; includeSubDomains");
  EXPECT_EQ(response["X-Content-Type-Options"], "nosniff");

  const ClientResponse missing = tls_get(server.port(), cert, "/api/v1/nothing");
  EXPECT_EQ(missing.result_int(), 404u);
  EXPECT_EQ(missing[bhttp::field::strict_transport_security],
            "max-age=63072000; includeSubDomains");

  // HTTPS only: a plaintext request gets no HTTP answer.
  testing::TestClient plain(server.port());
  plain.write_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_THROW(plain.read_response(), boost::system::system_error);
}

TEST(ServerTlsTest, KeyMismatchFailsToStart) {
  TempDir first;
  TempDir second;
  write_self_signed(first.path() / "cert.pem", first.path() / "key.pem");
  write_self_signed(second.path() / "cert.pem", second.path() / "key.pem");
  ServerOptions options;
  options.port = 0;
  options.tls_cert_file = first.path() / "cert.pem";
  options.tls_key_file = second.path() / "key.pem";
  Router router;
  Metrics metrics;
  WorkerPool pool(1, 1);
  Server server(options, router, pool, metrics, testing::header_principal);
  const auto started = server.start();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, "server.tls_failed");
}

}  // namespace
}  // namespace simreg::http

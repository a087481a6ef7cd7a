// sqlc --container DIR: a directory docker can build an image from, holding the statically
// linked job and a Dockerfile FROM scratch (nothing else in the image: no shell, no libc, no
// /etc). The Dockerfile is deterministic: the same job gives the same bytes.
#pragma once

#include <string>

namespace sqlc {

struct ContainerJob {
  std::string name;        // the binary's name in DIR and in the image (/NAME)
  std::string sql_file;    // named in the Dockerfile's header
  std::string help;        // the job's --help output, quoted as the image's flags
  bool needs_ca_certificates = false;  // the job talks TLS (security.protocol SSL / SASL_SSL)
};

// Runs `binary --help` and keeps what it prints. False with `error` set when it fails.
bool job_help(const std::string& binary, std::string& help, std::string& error);

// The Dockerfile's text.
std::string container_dockerfile(const ContainerJob& job);

// True when the generated job sets a Kafka security.protocol that uses TLS, or leaves it to an
// environment variable (${VAR}): then the image needs CA certificates to verify the broker.
bool job_uses_tls(const std::string& cpp_source);

// Writes DIR/Dockerfile and, when the job needs them, DIR/ca-certificates.crt (the host's CA
// bundle) beside the job binary DIR/NAME. False with `error` set on failure.
bool write_container(const std::string& dir, const ContainerJob& job, std::string& error);

}  // namespace sqlc

#include "driver/container_image.h"

#include <spawn.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace sqlc {
namespace fs = std::filesystem;

namespace {

// Where Debian's ca-certificates package keeps the bundle OpenSSL reads.
constexpr const char* kHostCaBundle = "/etc/ssl/certs/ca-certificates.crt";

std::string commented(const std::string& text) {
  std::stringstream in(text);
  std::string out, line;
  while (std::getline(in, line)) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line.empty() ? "#\n" : "#   " + line + "\n";
  }
  return out;
}

}  // namespace

bool job_help(const std::string& binary, std::string& help, std::string& error) {
  char path[] = "/tmp/sqlc-job-help-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) {
    error = "cannot create a temporary file";
    return false;
  }
  close(fd);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_TRUNC, 0);
  std::string program = binary;
  std::string flag = "--help";
  char* argv[] = {program.data(), flag.data(), nullptr};
  pid_t pid;
  int status = 0;
  bool ran = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv, environ) == 0 && waitpid(pid, &status, 0) == pid &&
             WIFEXITED(status) && WEXITSTATUS(status) == 0;
  posix_spawn_file_actions_destroy(&actions);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::remove(path);
  if (!ran) {
    error = "the job " + binary + " did not run with --help";
    return false;
  }
  help = text.str();
  return true;
}

bool job_uses_tls(const std::string& cpp_source) {
  // The WITH properties appear in the generated code as {"properties.NAME", "VALUE"} pairs.
  const std::string key = "{\"properties.security.protocol\", \"";
  for (size_t at = cpp_source.find(key); at != std::string::npos; at = cpp_source.find(key, at + 1)) {
    size_t start = at + key.size();
    std::string value = cpp_source.substr(start, cpp_source.find('"', start) - start);
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::toupper(c); });
    if (value.find("SSL") != std::string::npos || value.find("${") != std::string::npos) return true;
  }
  return false;
}

std::string container_dockerfile(const ContainerJob& job) {
  std::string d;
  d += "# The sqlc job " + job.name + ", compiled from " + job.sql_file + " and linked statically: the image\n";
  d += "# holds the job binary and nothing else (no shell, no libc, no /etc).\n";
  d += "#   docker build -t " + job.name + " .\n";
  d += "#   docker run --rm " + job.name + " --bootstrap-servers broker:9092\n";
  d += "# Files the job reads or writes (--input, --output, --dead-letter, --state-dir) are mounted:\n";
  d += "#   docker run --rm -v \"$PWD/data:/data\" " + job.name + " --input /data/in.jsonl --output /data/out.jsonl\n";
  d += "# Broker host names resolve through /etc/hosts (docker writes one) and DNS (/etc/resolv.conf);\n";
  d += "# the image has no nsswitch.conf and no NSS modules, so nothing else (see docs/job.md).\n";
  d += "# No time zone data: the job computes in UTC and epoch milliseconds and reads no zoneinfo.\n";
  if (job.needs_ca_certificates)
    d += "# CA certificates: the job connects to Kafka over TLS (security.protocol), so OpenSSL needs the\n"
         "# certificates to verify the broker; ca-certificates.crt is the bundle of the machine that built it.\n";
  else
    d += "# No CA certificates: the job does not connect over TLS.\n";
  d += "#\n# The job's flags (" + job.name + " --help):\n";
  d += commented(job.help);
  d += "\nFROM scratch\n";
  d += "COPY " + job.name + " /" + job.name + "\n";
  if (job.needs_ca_certificates) {
    d += "COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt\n";
    d += "ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt\n";
  }
  d += "ENTRYPOINT [\"/" + job.name + "\"]\n";
  return d;
}

bool write_container(const std::string& dir, const ContainerJob& job, std::string& error) {
  std::error_code ec;
  if (job.needs_ca_certificates) {
    fs::copy_file(kHostCaBundle, fs::path(dir) / "ca-certificates.crt", fs::copy_options::overwrite_existing, ec);
    if (ec) {
      error = std::string("the job uses TLS and the image needs CA certificates, but ") + kHostCaBundle +
              " cannot be copied (" + ec.message() + "): install Debian's ca-certificates package";
      return false;
    }
  }
  std::ofstream out(fs::path(dir) / "Dockerfile");
  out << container_dockerfile(job);
  if (!out) {
    error = "cannot write " + (fs::path(dir) / "Dockerfile").string();
    return false;
  }
  return true;
}

}  // namespace sqlc

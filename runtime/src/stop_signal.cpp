#include "stop_signal.h"

#include <csignal>

namespace sqlc {
namespace {

volatile std::sig_atomic_t g_stop_requested = 0;
extern "C" void on_stop_signal(int) { g_stop_requested = 1; }

}  // namespace

void install_stop_handler() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sa.sa_flags = SA_RESTART;  // a blocking read finishes its batch; the loop checks the flag after it
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
}

bool stop_signal_received() { return g_stop_requested != 0; }

}  // namespace sqlc

// Every runtime header generated code may include, in one place, so the build can
// precompile them once (runtime/CMakeLists.txt) and each job build skips ~0.5 s of parsing.
// Generated code still includes what it uses; #pragma once makes the repeats free.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "sqlc/runtime/aggregates.h"
#include "sqlc/runtime/array.h"
#include "sqlc/runtime/distinct_aggregate.h"
#include "sqlc/runtime/emit.h"
#include "sqlc/runtime/functions.h"
#include "sqlc/runtime/map.h"
#include "sqlc/runtime/group_aggregate.h"
#include "sqlc/runtime/job_context.h"
#include "sqlc/runtime/kept_value.h"
#include "sqlc/runtime/key_hash.h"
#include "sqlc/runtime/lookup_table.h"
#include "sqlc/runtime/over_window.h"
#include "sqlc/runtime/postgres_lookup.h"
#include "sqlc/runtime/ops.h"
#include "sqlc/runtime/record_reader.h"
#include "sqlc/runtime/session_window.h"
#include "sqlc/runtime/shared_distinct.h"
#include "sqlc/runtime/sketch_aggregates.h"
#include "sqlc/runtime/sliced_window.h"
#include "sqlc/runtime/state_codec.h"
#include "sqlc/runtime/statistical_aggregates.h"
#include "sqlc/runtime/string_arena.h"
#include "sqlc/runtime/tumbling_window.h"
#include "sqlc/runtime/value_aggregates.h"
#include "sqlc/runtime/watermark.h"
#include "sqlc/runtime/window_rows_aggregate.h"

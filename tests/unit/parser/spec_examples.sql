-- Every SQL example of /work/shared/spec/streaming-sql-requirements.md, one block per
-- "-- ==== <heading>" marker. test_spec_examples.cpp parses each block on its own.
-- ==== FR-DDL-001: CREATE STREAM
CREATE STREAM llm_requests (
    request_id VARCHAR,
    model_id VARCHAR,
    timestamp_ms BIGINT,
    latency_ms DOUBLE,
    tokens_used INT,
    cost DOUBLE,
    event_time AS TO_TIMESTAMP(timestamp_ms),
    WATERMARK FOR event_time AS event_time - INTERVAL '30' SECONDS
) WITH (
    'connector' = 'kafka',
    'topic' = 'llm-requests',
    'format' = 'json',
    'scan.startup.mode' = 'latest-offset'
);
-- ==== FR-DDL-002: CREATE TABLE
CREATE TABLE model_configs (
    model_id VARCHAR PRIMARY KEY,
    max_tokens INT,
    temperature DOUBLE,
    cost_per_token DOUBLE,
    updated_at TIMESTAMP
) WITH (
    'connector' = 'postgres',
    'table-name' = 'model_configs',
    'username' = '${POSTGRES_USER}',
    'password' = '${POSTGRES_PASSWORD}'
);
-- ==== FR-DDL-003: CREATE VIEW
CREATE VIEW high_cost_requests AS
SELECT
    model_id,
    request_id,
    cost,
    latency_ms
FROM llm_requests
WHERE cost > 0.10;
-- ==== FR-DQL-001: Basic SELECT
SELECT
    model_id,
    latency_ms,
    cost
FROM llm_requests
WHERE latency_ms > 1000;
-- ==== FR-DQL-002: Aggregations
SELECT
    model_id,
    COUNT(*) as request_count,
    AVG(latency_ms) as avg_latency,
    PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY latency_ms) as p95_latency,
    SUM(cost) as total_cost
FROM llm_requests
GROUP BY model_id;
-- ==== FR-DQL-003: Window Functions - TUMBLE
SELECT
    model_id,
    window_start,
    window_end,
    COUNT(*) as request_count,
    AVG(latency_ms) as avg_latency
FROM TABLE(
    TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '5' MINUTES)
)
GROUP BY model_id, window_start, window_end;
-- ==== FR-DQL-004: Window Functions - HOP (Sliding)
SELECT
    model_id,
    window_start,
    window_end,
    AVG(latency_ms) as sliding_avg_latency
FROM TABLE(
    HOP(TABLE llm_requests,
        DESCRIPTOR(event_time),
        INTERVAL '1' MINUTE,    -- slide
        INTERVAL '10' MINUTES)  -- size
)
GROUP BY model_id, window_start, window_end;
-- ==== FR-DQL-005: Window Functions - SESSION
SELECT
    user_id,
    window_start,
    window_end,
    COUNT(*) as interactions,
    SUM(tokens_used) as session_tokens
FROM TABLE(
    SESSION(TABLE llm_requests,
            DESCRIPTOR(event_time),
            INTERVAL '30' MINUTES)
)
GROUP BY user_id, window_start, window_end;
-- ==== FR-DQL-006: OVER Windows (Analytic Functions)
SELECT
    request_id,
    model_id,
    latency_ms,
    AVG(latency_ms) OVER (
        PARTITION BY model_id
        ORDER BY event_time
        ROWS BETWEEN 99 PRECEDING AND CURRENT ROW
    ) as moving_avg_100
FROM llm_requests;
-- ==== FR-DQL-007: EMIT Strategies
SELECT
    model_id,
    window_start,
    COUNT(*) as count
FROM TABLE(TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '5' MINUTES))
GROUP BY model_id, window_start
EMIT AFTER WATERMARK WITH DELAY INTERVAL '2' MINUTES;
-- ==== FR-JOIN-001: Stream-Table Join
SELECT
    r.request_id,
    r.model_id,
    r.latency_ms,
    c.max_tokens,
    c.cost_per_token,
    r.tokens_used * c.cost_per_token as calculated_cost
FROM llm_requests r
LEFT JOIN model_configs c
ON r.model_id = c.model_id;
-- ==== FR-JOIN-002: Stream-Stream Join
SELECT
    req.request_id,
    req.model_id,
    req.latency_ms,
    fb.rating,
    fb.feedback_text
FROM llm_requests req
JOIN user_feedback fb
ON req.request_id = fb.request_id
WHERE fb.event_time BETWEEN req.event_time AND req.event_time + INTERVAL '5' MINUTES;
-- ==== FR-JOIN-003: Interval Join
SELECT
    l.request_id,
    l.latency_ms,
    r.error_count
FROM llm_requests l
JOIN error_events r
ON l.request_id = r.request_id
AND r.event_time BETWEEN l.event_time - INTERVAL '10' SECONDS
                     AND l.event_time + INTERVAL '10' SECONDS;
-- ==== FR-TIME-002: Processing Time
SELECT
    model_id,
    PROCTIME() as processing_time,
    COUNT(*) as count
FROM llm_requests
GROUP BY model_id, TUMBLE(PROCTIME(), INTERVAL '1' MINUTE);
-- ==== FR-ADV-001: MATCH_RECOGNIZE (Pattern Matching)
SELECT *
FROM llm_requests
MATCH_RECOGNIZE (
    PARTITION BY model_id
    ORDER BY event_time
    MEASURES
        A.request_id as first_request,
        LAST(B.request_id) as last_request,
        COUNT(*) as pattern_count
    PATTERN (A B+ C)
    DEFINE
        A AS A.latency_ms < 100,
        B AS B.latency_ms > 1000,
        C AS C.latency_ms < 100
);
-- ==== FR-ADV-002: GROUPING SETS
SELECT
    model_id,
    region,
    COUNT(*) as count
FROM llm_requests
GROUP BY GROUPING SETS (
    (model_id, region),
    (model_id),
    ()
);
-- ==== FR-ADV-003: Top-N Queries
SELECT
    model_id,
    window_start,
    latency_ms,
    row_num
FROM (
    SELECT
        model_id,
        window_start,
        latency_ms,
        ROW_NUMBER() OVER (PARTITION BY window_start ORDER BY latency_ms DESC) as row_num
    FROM TABLE(TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '5' MINUTES))
)
WHERE row_num <= 10;
-- ==== FR-CAT-001: SHOW STREAMS
SHOW STREAMS;
-- Returns: stream_name, topic, format, watermark_strategy;
-- ==== FR-CAT-003: DESCRIBE
DESCRIBE llm_requests;
-- Returns: column_name, data_type, nullable, description;
-- ==== FR-CAT-004: EXPLAIN
EXPLAIN SELECT model_id, COUNT(*) FROM llm_requests GROUP BY model_id;
-- ==== Query 1: Real-time Request Rate by Model
SELECT
    model_id,
    window_start,
    window_end,
    COUNT(*) as request_count,
    COUNT(*) / 60.0 as requests_per_second
FROM TABLE(
    TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' MINUTE)
)
GROUP BY model_id, window_start, window_end
EMIT CHANGES;
-- ==== Query 2: P95 and P99 Latency Tracking
SELECT
    model_id,
    window_start,
    AVG(latency_ms) as avg_latency,
    PERCENTILE_CONT(0.50) WITHIN GROUP (ORDER BY latency_ms) as p50_latency,
    PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY latency_ms) as p95_latency,
    PERCENTILE_CONT(0.99) WITHIN GROUP (ORDER BY latency_ms) as p99_latency,
    MAX(latency_ms) as max_latency
FROM TABLE(
    TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '5' MINUTES)
)
GROUP BY model_id, window_start
EMIT AFTER WATERMARK;
-- ==== Query 3: Error Rate Calculation
SELECT
    model_id,
    window_start,
    COUNT(*) as total_requests,
    SUM(CASE WHEN error_code IS NOT NULL THEN 1 ELSE 0 END) as error_count,
    SUM(CASE WHEN error_code IS NOT NULL THEN 1 ELSE 0 END) * 100.0 / COUNT(*) as error_rate_pct
FROM TABLE(
    TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '5' MINUTES)
)
GROUP BY model_id, window_start
HAVING error_rate_pct > 1.0  -- Alert if error rate > 1%
EMIT CHANGES;
-- ==== Query 4: Cost per Model per Hour
SELECT
    model_id,
    window_start,
    SUM(cost) as total_cost,
    SUM(tokens_used) as total_tokens,
    AVG(cost) as avg_cost_per_request
FROM TABLE(
    TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' HOUR)
)
GROUP BY model_id, window_start
EMIT AFTER WATERMARK;
-- ==== Query 5: Cost Anomaly Detection
SELECT
    model_id,
    window_start,
    SUM(cost) as current_cost,
    AVG(SUM(cost)) OVER (
        PARTITION BY model_id
        ORDER BY window_start
        ROWS BETWEEN 23 PRECEDING AND 1 PRECEDING
    ) as avg_historical_cost,
    CASE
        WHEN SUM(cost) > 1.5 * AVG(SUM(cost)) OVER (
            PARTITION BY model_id
            ORDER BY window_start
            ROWS BETWEEN 23 PRECEDING AND 1 PRECEDING
        ) THEN 'ANOMALY'
        ELSE 'NORMAL'
    END as status
FROM TABLE(
    TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' HOUR)
)
GROUP BY model_id, window_start;
-- ==== Query 6: Session Analytics
SELECT
    user_id,
    session_start,
    session_end,
    COUNT(*) as interactions,
    SUM(tokens_used) as total_tokens,
    AVG(latency_ms) as avg_latency,
    session_end - session_start as session_duration
FROM TABLE(
    SESSION(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '30' MINUTES)
)
GROUP BY user_id, session_start, session_end;
-- ==== Query 7: User Journey with Feedback
SELECT
    req.user_id,
    req.request_id,
    req.model_id,
    req.latency_ms,
    fb.rating,
    fb.feedback_text
FROM llm_requests req
LEFT JOIN user_feedback fb
ON req.request_id = fb.request_id
WHERE fb.event_time BETWEEN req.event_time AND req.event_time + INTERVAL '10' MINUTES
ORDER BY req.event_time;
-- ==== Query 8: Moving Average for Smoothing
SELECT
    model_id,
    event_time,
    latency_ms,
    AVG(latency_ms) OVER (
        PARTITION BY model_id
        ORDER BY event_time
        ROWS BETWEEN 99 PRECEDING AND CURRENT ROW
    ) as moving_avg_100,
    AVG(latency_ms) OVER (
        PARTITION BY model_id
        ORDER BY event_time
        RANGE BETWEEN INTERVAL '5' MINUTES PRECEDING AND CURRENT ROW
    ) as time_based_avg
FROM llm_requests;
-- ==== Query 9: Top N Models by Cost
SELECT
    model_id,
    window_start,
    total_cost,
    rank
FROM (
    SELECT
        model_id,
        window_start,
        SUM(cost) as total_cost,
        ROW_NUMBER() OVER (PARTITION BY window_start ORDER BY SUM(cost) DESC) as rank
    FROM TABLE(
        TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' HOUR)
    )
    GROUP BY model_id, window_start
)
WHERE rank <= 5;
-- ==== Query 10: Multi-dimensional Aggregation
SELECT
    model_id,
    region,
    window_start,
    COUNT(*) as request_count,
    AVG(latency_ms) as avg_latency
FROM TABLE(
    TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '15' MINUTES)
)
GROUP BY GROUPING SETS (
    (model_id, region, window_start),
    (model_id, window_start),
    (region, window_start),
    (window_start)
)
EMIT AFTER WATERMARK;
-- ==== Query 11: Late Data Monitoring
SELECT
    model_id,
    window_start,
    COUNT(*) as late_event_count,
    AVG(CURRENT_TIMESTAMP - event_time) as avg_lateness
FROM llm_requests
WHERE event_time < (SELECT current_watermark FROM system.watermarks)
GROUP BY model_id, TUMBLE(PROCTIME(), INTERVAL '1' MINUTE), window_start;
-- ==== Query 12: Throughput vs Capacity
WITH current_load AS (
    SELECT
        model_id,
        COUNT(*) / 60.0 as current_qps
    FROM TABLE(
        TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' MINUTE)
    )
    GROUP BY model_id, window_start
)
SELECT
    cl.model_id,
    cl.current_qps,
    mc.max_qps,
    (cl.current_qps / mc.max_qps) * 100.0 as capacity_pct
FROM current_load cl
JOIN model_configs mc
ON cl.model_id = mc.model_id
WHERE (cl.current_qps / mc.max_qps) > 0.8;  -- Alert at 80% capacity;
-- ==== Query 13: A/B Test Analysis
SELECT
    experiment_id,
    variant,
    window_start,
    COUNT(*) as requests,
    AVG(latency_ms) as avg_latency,
    AVG(cost) as avg_cost,
    SUM(CASE WHEN rating >= 4 THEN 1 ELSE 0 END) * 100.0 / COUNT(*) as satisfaction_rate
FROM llm_requests r
LEFT JOIN user_feedback f ON r.request_id = f.request_id
WHERE experiment_id IS NOT NULL
GROUP BY experiment_id, variant, TUMBLE(event_time, INTERVAL '1' HOUR);
-- ==== Query 14: Cohort Analysis
SELECT
    first_request_date,
    days_since_first,
    COUNT(DISTINCT user_id) as active_users,
    AVG(daily_requests) as avg_requests_per_user
FROM (
    SELECT
        user_id,
        DATE_TRUNC('day', MIN(event_time) OVER (PARTITION BY user_id)) as first_request_date,
        DATE_TRUNC('day', event_time) as request_date,
        DATEDIFF(day, first_request_date, request_date) as days_since_first,
        COUNT(*) OVER (PARTITION BY user_id, DATE_TRUNC('day', event_time)) as daily_requests
    FROM llm_requests
)
GROUP BY first_request_date, days_since_first
ORDER BY first_request_date, days_since_first;
-- ==== Query 15: Response Quality Correlation
SELECT
    model_id,
    window_start,
    AVG(latency_ms) as avg_latency,
    AVG(CAST(rating AS DOUBLE)) as avg_rating,
    CORR(latency_ms, CAST(rating AS DOUBLE)) as latency_rating_correlation
FROM llm_requests r
JOIN user_feedback f ON r.request_id = f.request_id
GROUP BY model_id, TUMBLE(r.event_time, INTERVAL '1' HOUR');
-- ==== Query 16: Token Efficiency
SELECT
    model_id,
    window_start,
    AVG(tokens_used) as avg_tokens,
    AVG(tokens_used / LENGTH(prompt_text)) as tokens_per_char,
    SUM(cost) / SUM(tokens_used) as cost_per_token
FROM llm_requests
GROUP BY model_id, TUMBLE(event_time, INTERVAL '1' HOUR);
-- ==== Query 17: Enriched Request Stream
CREATE VIEW enriched_requests AS
SELECT
    r.request_id,
    r.model_id,
    r.latency_ms,
    r.tokens_used,
    r.cost,
    c.max_tokens,
    c.temperature,
    c.cost_per_token,
    CASE
        WHEN r.latency_ms < 500 THEN 'fast'
        WHEN r.latency_ms < 2000 THEN 'normal'
        ELSE 'slow'
    END as latency_category,
    CASE
        WHEN r.cost > c.cost_per_token * c.max_tokens * 0.8 THEN 'high'
        WHEN r.cost < c.cost_per_token * c.max_tokens * 0.2 THEN 'low'
        ELSE 'medium'
    END as cost_category
FROM llm_requests r
LEFT JOIN model_configs c ON r.model_id = c.model_id;
-- ==== Query 18: Drift Detection
SELECT
    model_id,
    current_window,
    current_avg_latency,
    baseline_avg_latency,
    ABS(current_avg_latency - baseline_avg_latency) / baseline_avg_latency * 100.0 as drift_pct,
    CASE
        WHEN ABS(current_avg_latency - baseline_avg_latency) / baseline_avg_latency > 0.2 THEN 'DRIFT'
        ELSE 'NORMAL'
    END as status
FROM (
    SELECT
        model_id,
        window_start as current_window,
        AVG(latency_ms) as current_avg_latency,
        AVG(AVG(latency_ms)) OVER (
            PARTITION BY model_id
            ORDER BY window_start
            ROWS BETWEEN 167 PRECEDING AND 1 PRECEDING
        ) as baseline_avg_latency
    FROM TABLE(
        TUMBLE(TABLE llm_requests, DESCRIPTOR(event_time), INTERVAL '1' HOUR)
    )
    GROUP BY model_id, window_start
)
WHERE baseline_avg_latency IS NOT NULL;
-- ==== Query 19: Sliding Window Trend Analysis
SELECT
    model_id,
    window_start,
    window_end,
    AVG(latency_ms) as avg_latency,
    COUNT(*) as request_count,
    LAG(AVG(latency_ms), 1) OVER (PARTITION BY model_id ORDER BY window_start) as prev_avg_latency,
    CASE
        WHEN AVG(latency_ms) > LAG(AVG(latency_ms), 1) OVER (PARTITION BY model_id ORDER BY window_start) * 1.2
        THEN 'INCREASING'
        WHEN AVG(latency_ms) < LAG(AVG(latency_ms), 1) OVER (PARTITION BY model_id ORDER BY window_start) * 0.8
        THEN 'DECREASING'
        ELSE 'STABLE'
    END as trend
FROM TABLE(
    HOP(TABLE llm_requests,
        DESCRIPTOR(event_time),
        INTERVAL '1' MINUTE,
        INTERVAL '10' MINUTES)
)
GROUP BY model_id, window_start, window_end;
-- ==== Query 20: Multi-Stream Join with Timeout
SELECT
    req.request_id,
    req.model_id,
    req.latency_ms,
    err.error_code,
    err.error_message,
    fb.rating
FROM llm_requests req
LEFT JOIN error_events err
    ON req.request_id = err.request_id
    AND err.event_time BETWEEN req.event_time AND req.event_time + INTERVAL '5' SECONDS
LEFT JOIN user_feedback fb
    ON req.request_id = fb.request_id
    AND fb.event_time BETWEEN req.event_time AND req.event_time + INTERVAL '10' MINUTES
WHERE req.event_time > CURRENT_TIMESTAMP - INTERVAL '1' HOUR;
-- ==== Stream Definition
CREATE STREAM stream_name (
    column_name data_type [NOT NULL],
    ...
    computed_column AS expression,
    WATERMARK FOR time_column AS time_column - INTERVAL 'duration'
) WITH (
    'connector' = 'kafka',
    'topic' = 'topic_name',
    'format' = 'json'
);
-- ==== Table Definition
CREATE TABLE table_name (
    column_name data_type [NOT NULL],
    ...
    PRIMARY KEY (column_list) NOT ENFORCED
) WITH (
    'connector' = 'postgres',
    'table-name' = 'table_name'
);
-- ==== Tumbling Window Query
SELECT
    key_column,
    window_start,
    window_end,
    AGG_FUNCTION(column) as result
FROM TABLE(
    TUMBLE(TABLE stream_name, DESCRIPTOR(time_column), INTERVAL 'duration')
)
GROUP BY key_column, window_start, window_end;
-- ==== Hopping Window Query
SELECT
    key_column,
    window_start,
    AGG_FUNCTION(column) as result
FROM TABLE(
    HOP(TABLE stream_name,
        DESCRIPTOR(time_column),
        INTERVAL 'slide',
        INTERVAL 'size')
)
GROUP BY key_column, window_start;
-- ==== Session Window Query
SELECT
    key_column,
    window_start,
    window_end,
    AGG_FUNCTION(column) as result
FROM TABLE(
    SESSION(TABLE stream_name,
            DESCRIPTOR(time_column),
            INTERVAL 'gap')
)
GROUP BY key_column, window_start, window_end;
-- ==== Stream-Table Join
SELECT
    s.column1,
    t.column2,
    ...
FROM stream_name s
LEFT JOIN table_name t
ON s.key = t.key;
-- ==== Stream-Stream Join
SELECT
    l.column1,
    r.column2
FROM left_stream l
JOIN right_stream r
ON l.key = r.key
AND r.event_time BETWEEN l.event_time AND l.event_time + INTERVAL 'duration';

# The sqlc job q, compiled from q.sql and linked statically: the image
# holds the job binary and nothing else (no shell, no libc, no /etc).
#   docker build -t q .
#   docker run --rm q --bootstrap-servers broker:9092
# Files the job reads or writes (--input, --output, --dead-letter, --state-dir) are mounted:
#   docker run --rm -v "$PWD/data:/data" q --input /data/in.jsonl --output /data/out.jsonl
# Broker host names resolve through /etc/hosts (docker writes one) and DNS (/etc/resolv.conf);
# the image has no nsswitch.conf and no NSS modules, so nothing else (see docs/job.md).
# No time zone data: the job computes in UTC and epoch milliseconds and reads no zoneinfo.
# No CA certificates: the job does not connect over TLS.
#
# The job's flags (q --help):
<q --help, commented>

FROM scratch
COPY q /q
ENTRYPOINT ["/q"]

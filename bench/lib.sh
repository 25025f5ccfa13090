# Shared by the load scripts under bench/ (sourced, not run).

# The first free TCP port on 127.0.0.1 from $1 up.
free_port() {
  local p=$1
  while (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

# start_nginx WORKDIR ROOT PORT [FILE]: one worker, no access log, serving ROOT on
# 127.0.0.1:PORT; its pid file is WORKDIR/nginx.pid. With FILE (a name in ROOT), every path
# under /api/ is answered with that file, so that nginx can be sent the very requests Xinyong
# is sent. Waits until it answers.
start_nginx() {
  local work=$1 root=$2 port=$3 file=${4:-}
  local api=""
  [ -n "$file" ] && api="location /api/ { try_files /$file =404; }"
  # Started by root, nginx's worker runs as nobody, and `mktemp -d` makes a directory only its
  # owner may enter: without this the worker answers every request with an error page.
  chmod a+rx "$work" "$root"
  cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:$port; root $root; $api }
}
CONF
  nginx -c "$work/nginx.conf" -p "$work"
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
}

# same_body URL FILE: fails the script unless URL answers 200 with exactly FILE's bytes, so
# that a baseline never measures error pages.
same_body() {
  local url=$1 file=$2 got
  got=$(curl -sf "$url") || { echo "the baseline $url does not answer 200" >&2; exit 1; }
  [ "$got" = "$(cat "$file")" ] || { echo "the baseline $url does not serve $file" >&2; exit 1; }
}

# no_errors WRK_OUTPUT WHAT: fails the script when wrk counted error answers or socket errors.
no_errors() {
  if grep -qE "Non-2xx|Socket errors" <<<"$1"; then
    echo "$2: $(grep -E "Non-2xx|Socket errors" <<<"$1")" >&2
    exit 1
  fi
}

# The median of the numbers given as arguments.
median() {
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}

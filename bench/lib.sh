# Shared by the load scripts under bench/ (sourced, not run).

# The first free TCP port on 127.0.0.1 from $1 up.
free_port() {
  local p=$1
  while (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

# start_nginx WORKDIR ROOT PORT: one worker, no access log, serving ROOT on 127.0.0.1:PORT;
# its pid file is WORKDIR/nginx.pid. Waits until it answers.
start_nginx() {
  local work=$1 root=$2 port=$3
  cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:$port; root $root; }
}
CONF
  nginx -c "$work/nginx.conf" -p "$work"
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
}

# The median of the numbers given as arguments.
median() {
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}

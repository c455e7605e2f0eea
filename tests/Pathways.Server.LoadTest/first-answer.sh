#!/usr/bin/env bash
# Times a fresh server: process start to the first /health answer, and the first /v1/recommend answer after it.
# usage: tests/Pathways.Server.LoadTest/first-answer.sh <server command...>   (e.g. dotnet src/Pathways.Server/bin/Release/net10.0/Pathways.Server.dll)
set -u
P=${PROFILE:-samples/profiles/long-term-activity-ready-parent.json}
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()')
start=$(date +%s%N)
"$@" --urls "http://127.0.0.1:$PORT" --Server:FeedbackDatabase=/tmp/first-$PORT.db >/dev/null 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; do sleep 0.005; done
ready=$(date +%s%N)
curl -fs -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' --data-binary @"$P" "http://127.0.0.1:$PORT/v1/recommend" > /tmp/first-$PORT.t
first=$(cat /tmp/first-$PORT.t)
curl -fs -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' --data-binary @"$P" "http://127.0.0.1:$PORT/v1/recommend" > /tmp/first-$PORT.t
second=$(cat /tmp/first-$PORT.t)
kill $pid; wait $pid 2>/dev/null
rm -f /tmp/first-$PORT.t /tmp/first-$PORT.db*
echo "ready_ms=$(( (ready-start)/1000000 )) first_recommend_ms=$(python3 -c "print(round($first*1000,1))") second_recommend_ms=$(python3 -c "print(round($second*1000,1))")"

#!/usr/bin/env bash
# End-to-end tests: the real binary in tmux, driven with send-keys and read with capture-pane, as a person would.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN="$PWD/.build/debug/airlock"
[ -x "$BIN" ] || { echo "e2e: build first (swift build)"; exit 1; }
command -v tmux >/dev/null || { echo "e2e: tmux is not installed"; exit 1; }

SOCK="airlock-e2e-$$"
T() { tmux -L "$SOCK" "$@"; }
WORK=$(mktemp -d)
# Demo roots made with --print-root land here too, and go with it.
export TMPDIR="$WORK"
cleanup() { T kill-server >/dev/null 2>&1; rm -rf "$WORK"; }
trap cleanup EXIT
export AIRLOCK_USER=alice
unset AIRLOCK_ROOT
# tmux draws UTF-8 only when its locale says so; the dashboard needs a UTF-8 terminal.
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in *UTF-8*|*utf8*|*UTF8*|*utf-8*) ;; *) export LANG=C.UTF-8 LC_ALL=C.UTF-8 ;; esac

passed=0; failed=0
ok() { echo "  ok: $1"; passed=$((passed + 1)); }
ko() { echo "  FAIL: $1"; echo "  --- screen ---"; T capture-pane -p -t "$2" 2>/dev/null | sed 's/^/  | /'; failed=$((failed + 1)); }

# Waits until the pane shows the text (fixed string), up to $3 seconds.
wait_for() {
  local pane=$1 text=$2 limit=${3:-5} i=0
  while [ "$i" -lt $((limit * 20)) ]; do
    T capture-pane -p -t "$pane" 2>/dev/null | grep -qF -- "$text" && return 0
    sleep 0.05; i=$((i + 1))
  done
  return 1
}

new_root() { "$BIN" demo --print-root; }

start() { # name width height command...
  local name=$1 w=$2 h=$3; shift 3
  T new-session -d -s "$name" -x "$w" -y "$h" "$*; echo AIRLOCK-EXITED \$?; sleep 60"
}

echo "e2e: start, live change, help, resize"
ROOT=$(new_root)
start main 120 40 "cd '$WORK' && '$BIN' --root '$ROOT'"
if wait_for main "Pending promotions (3)" 10 && wait_for main "2.4.1  qa → staging"; then ok "dashboard starts and shows the pipeline"; else ko "dashboard starts" main; fi

sed -i 's/^version: 2.4.1$/version: 2.4.9/' "$ROOT/environments/qa.yaml"
printf 'version: 2.4.9\nnotes: hotfix\n' > "$ROOT/releases/2.4.9.yaml.tmp" && mv "$ROOT/releases/2.4.9.yaml.tmp" "$ROOT/releases/2.4.9.yaml"
if wait_for main "2.4.9  qa → staging" 3; then ok "a file change shows without a key press"; else ko "live change" main; fi

T send-keys -t main '?'
if wait_for main "Help — every key" 3 && wait_for main "Ctrl-L"; then ok "? shows help with every key"; else ko "help" main; fi
T send-keys -t main Escape
if wait_for main "Recent activity" 3 && ! T capture-pane -p -t main | grep -qF "Help — every key"; then ok "Esc closes help"; else ko "Esc closes help" main; fi

T resize-window -t main -x 80 -y 24
sleep 0.3
if wait_for main "? help" 3 && [ "$(T capture-pane -p -t main | head -1 | wc -L)" -le 80 ]; then ok "redraws at 80x24 after a resize"; else ko "resize" main; fi
T resize-window -t main -x 40 -y 10
if wait_for main "airlock needs at least" 3; then ok "says when the terminal is too small"; else ko "too small" main; fi
T resize-window -t main -x 120 -y 40
wait_for main "Pending promotions" 3

echo "e2e: keyboard promotion into a protected environment"
AIRLOCK_USER=bob "$BIN" checklist 2.4.0 --done user-readiness --root "$ROOT" >/dev/null
AIRLOCK_USER=bob "$BIN" checklist 2.4.0 --done rollback-plan --root "$ROOT" >/dev/null
AIRLOCK_USER=bob "$BIN" checklist 2.4.0 --done monitoring --root "$ROOT" >/dev/null
if wait_for main "needs 1 more approval (1/2)" 3; then ok "checklist ticks from the command line show up live"; else ko "live checklist" main; fi
T send-keys -t main Tab Tab Tab a
if wait_for main "Approve 2.4.0 for production as alice?" 3; then ok "a asks to confirm the approval"; else ko "approve dialog" main; fi
T send-keys -t main y
if wait_for main "alice approved 2.4.0 for production (2/2)" 3 && wait_for main "2.4.0  staging → production      READY" 3; then ok "approval recorded, promotion ready"; else ko "approval" main; fi
T send-keys -t main p
if wait_for main "production is protected: type its name to confirm." 3; then ok "p on a protected environment asks for its name"; else ko "protected dialog" main; fi
T send-keys -t main -l "prod"
T send-keys -t main Enter
if wait_for main "type production exactly to confirm" 3 && [ ! -f "$ROOT/promotions/production.yaml.new" ] && grep -q "version: 2.3.0" "$ROOT/promotions/production.yaml"; then ok "a wrong name does not promote"; else ko "wrong name" main; fi
T send-keys -t main -l "uction"
T send-keys -t main Enter
if wait_for main "requested 2.4.0: staging -> production" 3 && grep -q "version: 2.4.0" "$ROOT/promotions/production.yaml" \
   && tail -1 "$ROOT/audit.jsonl" | grep -q '"action":"promote","version":"2.4.0","environment":"production"'; then
  ok "typed confirmation writes promotions/production.yaml and the audit line"
else ko "keyboard promotion" main; fi
if wait_for main "deploying 2.4.0" 3; then ok "the panel shows the request in progress"; else ko "in progress" main; fi

echo "e2e: quit"
T send-keys -t main q
if wait_for main "AIRLOCK-EXITED 0" 3; then ok "q quits with exit 0"; else ko "quit" main; fi

echo "e2e: NO_COLOR at 80x24"
start mono 80 24 "cd '$WORK' && NO_COLOR=1 '$BIN' --root '$ROOT'"
if wait_for mono "BLOCKED" 10 && wait_for mono "! degraded" && wait_for mono "? help"; then ok "monochrome screen shows states in words"; else ko "NO_COLOR" mono; fi
T send-keys -t mono C-c
if wait_for mono "AIRLOCK-EXITED 0" 3; then ok "Ctrl-C leaves cleanly"; else ko "Ctrl-C" mono; fi

echo "e2e: the live demo"
start demo 120 40 "cd '$WORK' && '$BIN' demo"
if wait_for demo "airlock · shop (demo)" 10; then ok "airlock demo starts"; else ko "demo start" demo; fi
T send-keys -t demo Tab Tab p
wait_for demo "Promote 2.4.1 from qa into staging?" 3
T send-keys -t demo y
if wait_for demo "demo CD: staging now runs 2.4.1" 10; then ok "the demo's CD completes a requested promotion"; else ko "demo CD" demo; fi
T send-keys -t demo q
if wait_for demo "AIRLOCK-EXITED 0" 3; then ok "demo quits cleanly"; else ko "demo quit" demo; fi

echo "e2e: two clones sharing a root through git"
GIT="git -c user.name=e2e -c user.email=e2e@example.invalid"
git init -q --bare -b main "$WORK/hub.git"
git clone -q "$WORK/hub.git" "$WORK/a" 2>/dev/null
cp -r "$(new_root)/." "$WORK/a/"
printf '.airlock.lock\n.*.tmp.*\n' > "$WORK/a/.gitignore"
printf 'sync:\n  git: {remote: origin, branch: main, interval: 1s}\n' >> "$WORK/a/airlock.yaml"
(cd "$WORK/a" && git add -A && $GIT commit -qm seed && git push -q origin main)
git clone -q "$WORK/hub.git" "$WORK/b"
start sync 120 40 "cd '$WORK' && '$BIN' --root '$WORK/b'"
if wait_for sync "git synced" 10; then ok "the title bar shows when the root last synced"; else ko "sync status" sync; fi
AIRLOCK_USER=bob "$BIN" promote 2.4.1 --to staging --root "$WORK/a" >/dev/null
if wait_for sync "deploying 2.4.1" 10; then ok "a promotion pushed from another clone shows up"; else ko "sync shows remote change" sync; fi
(cd "$WORK/b" && git remote set-url origin "$WORK/nowhere.git")
if wait_for sync "git ✗ sync failed" 10 && wait_for sync "retrying" 3; then ok "an unreachable remote is shown, and retried"; else ko "sync error" sync; fi
T send-keys -t sync q
if wait_for sync "AIRLOCK-EXITED 0" 3; then ok "quits while syncing"; else ko "quit while syncing" sync; fi

echo "e2e: quitting while a git fetch hangs stops the fetch"
# The remote's transport runs `sleep MARK` and never answers; MARK finds its processes.
MARK="41.$$$RANDOM"
marked() { ps -eo pid=,args= | awk -v m="sleep $MARK" 'index($0, m) && !/awk/ { print $1 }'; }
(cd "$WORK/b" && git config protocol.ext.allow always && git remote set-url origin "ext::sleep $MARK")
start hang 120 40 "cd '$WORK' && '$BIN' --root '$WORK/b'"
wait_for hang "Pending promotions" 10
for _ in $(seq 200); do [ -n "$(marked)" ] && break; sleep 0.05; done
[ -n "$(marked)" ] || ko "the hanging fetch never started" hang
T send-keys -t hang q
gone=no
if wait_for hang "AIRLOCK-EXITED 0" 5; then
  for _ in $(seq 60); do [ -z "$(marked)" ] && { gone=yes; break; }; sleep 0.05; done
fi
if [ "$gone" = yes ]; then ok "q stops a git fetch that never answers"; else ko "fetch left running: $(marked | tr '\n' ' ')" hang; fi
for p in $(marked); do kill -9 "$p" 2>/dev/null; done

# Whether any process of a group remains (zombies included).
# Whether any process of the group still runs (a zombie has ended: it only waits for a parent to reap it, and
# a container's init may never do that).
# Whether a process still runs (not ended, not a zombie waiting for tmux to reap it).
alive() { ps -o stat= -p "$1" 2>/dev/null | grep -q '^[^Z]'; }
group_alive() { ps -eo pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'; }
# Waits until the pane no longer shows the text, up to $3 seconds.
wait_gone() {
  local pane=$1 text=$2 limit=${3:-5} i=0
  while [ "$i" -lt $((limit * 20)) ]; do
    T capture-pane -p -t "$pane" 2>/dev/null | grep -qF -- "$text" || return 0
    sleep 0.05; i=$((i + 1))
  done
  return 1
}

echo "e2e: quitting while a hook runs asks whether to wait or stop it"
HROOT=$(new_root)
cat > "$HROOT/hook.sh" <<'HOOK'
#!/bin/sh
echo $$ > hook.pid
sleep 1000 &
sleep 1000
HOOK
chmod +x "$HROOT/hook.sh"
printf 'hooks:\n  promote: [./hook.sh]\n' >> "$HROOT/airlock.yaml"
start hook 120 40 "cd '$WORK' && '$BIN' --root '$HROOT'"
wait_for hook "Pending promotions" 10
T send-keys -t hook Tab Tab p
wait_for hook "Promote 2.4.1 from qa into staging?" 3
T send-keys -t hook y
for _ in $(seq 100); do [ -s "$HROOT/hook.pid" ] && break; sleep 0.05; done
HPID=$(cat "$HROOT/hook.pid" 2>/dev/null)
T send-keys -t hook q
if wait_for hook "A hook is running" 3 && wait_for hook "wait for it to finish"; then ok "q while a hook runs asks: wait or stop"; else ko "hook question" hook; fi
T send-keys -t hook Escape
if wait_gone hook "A hook is running" 3 && [ -n "$HPID" ] && group_alive "$HPID"; then
  ok "Esc keeps working, the hook still runs"
else ko "hook question cancelled" hook; fi
T send-keys -t hook q
wait_for hook "A hook is running" 3
T send-keys -t hook s
if wait_for hook "AIRLOCK-EXITED 0" 10 && [ -n "$HPID" ] && ! group_alive "$HPID"; then
  ok "s stops the hook's whole process group and quits"
else ko "stop the hook and quit" hook; fi

echo "e2e: w waits for the hook, then quits"
HROOT=$(new_root)
printf '#!/bin/sh\ntouch started\nwhile [ ! -f go ]; do sleep 0.1; done\n' > "$HROOT/hook.sh"
chmod +x "$HROOT/hook.sh"
printf 'hooks:\n  promote: [./hook.sh]\n' >> "$HROOT/airlock.yaml"
start hookw 120 40 "cd '$WORK' && '$BIN' --root '$HROOT'"
wait_for hookw "Pending promotions" 10
T send-keys -t hookw Tab Tab p
wait_for hookw "Promote" 3
T send-keys -t hookw y
wait_for hookw "promoting" 3
# q before the hook has started would simply quit: wait until it runs.
for _ in $(seq 100); do [ -f "$HROOT/started" ] && break; sleep 0.05; done
T send-keys -t hookw q
wait_for hookw "A hook is running" 3
T send-keys -t hookw w
if wait_for hookw "waiting for the hook ./hook.sh" 3 && ! T capture-pane -p -t hookw | grep -qF "AIRLOCK-EXITED"; then
  ok "w keeps the dashboard up while the hook runs"
else ko "wait for the hook" hookw; fi
touch "$HROOT/go"
if wait_for hookw "AIRLOCK-EXITED 0" 5; then ok "the dashboard quits once the hook ends"; else ko "quit after the hook" hookw; fi

echo "e2e: SIGTERM to the dashboard while a hook runs"
HROOT=$(new_root)
printf '#!/bin/sh\necho $$ > hook.pid\nsleep 1000 &\nsleep 1000\n' > "$HROOT/hook.sh"
chmod +x "$HROOT/hook.sh"
printf 'hooks:\n  promote: [./hook.sh]\n' >> "$HROOT/airlock.yaml"
start hook2 120 40 "cd '$WORK' && exec '$BIN' --root '$HROOT'"
wait_for hook2 "Pending promotions" 10
T send-keys -t hook2 Tab Tab p
wait_for hook2 "Promote" 3
T send-keys -t hook2 y
for _ in $(seq 100); do [ -s "$HROOT/hook.pid" ] && break; sleep 0.05; done
HPID=$(cat "$HROOT/hook.pid" 2>/dev/null)
APID=$(T list-panes -t hook2 -F '#{pane_pid}')
kill -TERM "$APID"
for _ in $(seq 100); do alive "$APID" || break; sleep 0.05; done
if ! alive "$APID" && [ -n "$HPID" ] && ! group_alive "$HPID"; then
  ok "SIGTERM stops the hook's group and the dashboard leaves"
else ko "SIGTERM with a hook" hook2; fi

echo "e2e: the terminal closing while a hook runs"
HROOT=$(new_root)
printf '#!/bin/sh\necho $$ > hook.pid\nsleep 1000 &\nsleep 1000\n' > "$HROOT/hook.sh"
chmod +x "$HROOT/hook.sh"
printf 'hooks:\n  promote: [./hook.sh]\n' >> "$HROOT/airlock.yaml"
start hook3 120 40 "cd '$WORK' && exec '$BIN' --root '$HROOT'"
wait_for hook3 "Pending promotions" 10
T send-keys -t hook3 Tab Tab p
wait_for hook3 "Promote" 3
T send-keys -t hook3 y
for _ in $(seq 100); do [ -s "$HROOT/hook.pid" ] && break; sleep 0.05; done
HPID=$(cat "$HROOT/hook.pid" 2>/dev/null)
APID=$(T list-panes -t hook3 -F '#{pane_pid}')
T kill-session -t hook3
for _ in $(seq 200); do alive "$APID" || break; sleep 0.05; done
if ! alive "$APID" && [ -n "$HPID" ] && ! group_alive "$HPID"; then
  ok "closing the terminal stops the hook's group and the dashboard"
else echo "  FAIL: terminal closing (airlock $APID, hook group $HPID)"; failed=$((failed + 1)); fi

echo "e2e: Ctrl-\\ leaves cleanly"
start quit 120 40 "cd '$WORK' && '$BIN' --root '$ROOT' 2>&1"
wait_for quit "Pending promotions" 10
T send-keys -t quit 'C-\'
if wait_for quit "AIRLOCK-EXITED 0" 5 && ! T capture-pane -p -t quit | grep -qiE "backtrace|crash|fatal"; then
  ok "Ctrl-\\ quits like Ctrl-C, no crash report"
else ko "Ctrl-\\" quit; fi

echo "e2e: the demo removes its folder when it ends"
mkdir -p "$WORK/demo-tmp"
start demotmp 120 40 "cd '$WORK' && TMPDIR='$WORK/demo-tmp' '$BIN' demo"
if wait_for demotmp "airlock · shop (demo)" 10 && [ -n "$(ls -A "$WORK/demo-tmp")" ]; then ok "the demo root is in TMPDIR while it runs"; else ko "demo root" demotmp; fi
T send-keys -t demotmp q
if wait_for demotmp "AIRLOCK-EXITED 0" 5 && [ -z "$(ls -A "$WORK/demo-tmp")" ]; then ok "quitting the demo removes its folder"; else ko "demo folder left behind" demotmp; fi

echo "e2e: quitting while an action waits for another process's lock"
LROOT=$(new_root)
start lockq 120 40 "cd '$WORK' && '$BIN' --root '$LROOT'"
wait_for lockq "Pending promotions" 10
# The holder is one process (a subshell that takes the lock, then becomes sleep), so its pid is all we kill.
( exec 9>>"$LROOT/.airlock.lock"; flock 9; exec sleep 30 ) &
LPID=$!
# The holder has the lock once a try without waiting fails.
for _ in $(seq 100); do flock -n "$LROOT/.airlock.lock" true || break; sleep 0.05; done
AUDIT_BEFORE=$(cksum < "$LROOT/audit.jsonl")
T send-keys -t lockq Tab Tab Tab a
wait_for lockq "Approve 2.4.0 for production as alice?" 3
T send-keys -t lockq y
if wait_for lockq "waiting for the lock on $LROOT held by another process" 5; then
  ok "the status line says the action waits for another process's lock"
else ko "waiting for the lock" lockq; fi
T send-keys -t lockq q
if wait_for lockq "AIRLOCK-EXITED 0" 3 && [ "$(cksum < "$LROOT/audit.jsonl")" = "$AUDIT_BEFORE" ]; then
  ok "q stops the wait and quits at once, nothing written"
else ko "quit while waiting for the lock" lockq; fi
kill "$LPID" 2>/dev/null; wait "$LPID" 2>/dev/null

# The fleet screen (a folder of pipelines).
. scripts/e2e-fleet.sh

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

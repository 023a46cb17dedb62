# End-to-end tests of the fleet screen, run by e2e.sh (its helpers: T, start, wait_for, ok, ko, new_root, BIN, WORK).
# A fleet root of four pipelines: shop and payments (the demo), platform (seven environments), legacy (broken).

echo "e2e: the fleet screen"
FLEET="$WORK/fleet"
mkdir -p "$FLEET"
for name in shop payments; do
  mv "$(new_root)" "$FLEET/$name"
  sed -i "s/^pipeline: shop$/pipeline: $name/" "$FLEET/$name/airlock.yaml"
done
mkdir -p "$FLEET/platform/environments" "$FLEET/legacy"
printf 'pipeline: platform\nenvironments:\n' > "$FLEET/platform/airlock.yaml"
for env in development qa staging canary production production-eu dr; do
  printf '  - name: %s\n' "$env" >> "$FLEET/platform/airlock.yaml"
  printf 'version: 3.0.1\n' > "$FLEET/platform/environments/$env.yaml"
done
printf 'pipeline: legacy\nenvironments: [oops\n' > "$FLEET/legacy/airlock.yaml"

start fleet 120 40 "cd '$WORK' && '$BIN' --root '$FLEET'"
if wait_for fleet "PIPELINE" 10 && wait_for fleet "▸ legacy" && wait_for fleet "payments" && wait_for fleet "platform"; then
  ok "the fleet root opens on the matrix, a row per pipeline"
else ko "fleet matrix" fleet; fi
if wait_for fleet "legacy/airlock.yaml:" 3 && wait_for fleet "2.4.1" 3; then
  ok "a broken pipeline's problem shows while the others work"
else ko "fleet problem" fleet; fi

T send-keys -t fleet '/' p a y Enter
if wait_for fleet "filter: pay" 3 && ! T capture-pane -p -t fleet | grep -qE "^ +shop "; then ok "/ filters the pipelines"; else ko "fleet filter" fleet; fi
T send-keys -t fleet Escape
T send-keys -t fleet s
if wait_for fleet "sort: attention" 3; then ok "s cycles the sort and the title says which"; else ko "fleet sort" fleet; fi
T send-keys -t fleet s s
wait_for fleet "sort: name" 3

T send-keys -t fleet ':' s h Tab
if wait_for fleet ":shop" 3; then ok ": completes a pipeline's name with Tab"; else ko "jump completion" fleet; fi
T send-keys -t fleet Enter
if wait_for fleet "▸ shop" 3; then ok "Enter jumps to it"; else ko "jump" fleet; fi

T send-keys -t fleet l l Enter
if wait_for fleet "airlock · fleet › shop" 3 && wait_for fleet "Pending promotions" 3; then
  ok "Enter opens the pipeline's dashboard"
else ko "drill in" fleet; fi
T send-keys -t fleet p
if wait_for fleet "Promote 2.4.1 from qa into staging?" 3; then ok "the environment is the cell's"; else ko "drilled selection" fleet; fi
T send-keys -t fleet n Escape
if wait_for fleet "PIPELINE" 3 && wait_for fleet "▸ shop" 3; then ok "Esc comes back to the matrix, the cursor where it was"; else ko "drill out" fleet; fi

T send-keys -t fleet p
if wait_for fleet "Promote 2.4.1 from qa into staging?" 3; then ok "p on a cell asks as the pipeline screen does"; else ko "cell promote" fleet; fi
T send-keys -t fleet y
if wait_for fleet "requested 2.4.1: qa -> staging" 5 && grep -q "version: 2.4.1" "$FLEET/shop/promotions/staging.yaml"; then
  ok "the promotion is requested in that pipeline's folder"
else ko "cell promote request" fleet; fi
if wait_for fleet "⇢" 3; then ok "the matrix shows it in progress without a key press"; else ko "in progress" fleet; fi
sed -i 's/^version: 2.4.0$/version: 2.4.1/' "$FLEET/shop/environments/staging.yaml"
# Done: the shop row no longer shows a promotion in progress (polled: it is the absence of a mark).
done_shown=no
for _ in $(seq 100); do
  if ! T capture-pane -p -t fleet | grep -E "▸ shop " | grep -qF "⇢"; then done_shown=yes; break; fi
  sleep 0.05
done
if [ "$done_shown" = yes ]; then ok "CD's report shows live: done"; else ko "live done" fleet; fi

T resize-window -t fleet -x 80 -y 24
if wait_for fleet "›" 5 && [ "$(T capture-pane -p -t fleet | head -1 | wc -L)" -le 80 ]; then
  ok "at 80x24 the columns scroll sideways with a marker"
else ko "fleet 80x24" fleet; fi
T send-keys -t fleet l l l l l l
if wait_for fleet "‹" 3 && wait_for fleet "dr" 3; then ok "moving right scrolls to the last environment"; else ko "scroll right" fleet; fi
T send-keys -t fleet q
if wait_for fleet "AIRLOCK-EXITED 0" 5; then ok "q quits the fleet screen"; else ko "fleet quit" fleet; fi

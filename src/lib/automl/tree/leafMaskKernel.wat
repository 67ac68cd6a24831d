;; The leaf-mask scorer's inner loops (leafMasks.ts explains the method) for ensembles whose trees all add
;; one value to one output: WebAssembly runs them about twice as fast as the same loops in JavaScript,
;; with no bounds checks and one instruction for "lowest set bit". Compiled into leafMaskKernelWasm.ts by
;; `npm run build:wasm`; a test checks that the two agree.
;;
;; Memory, laid out by leafMaskKernel.ts (all addresses in bytes):
;;   slot table: per slot, the address of its first entry; the next slot's address ends it
;;   entries:    per entry, (tree * 4, mask): AND mask into that tree's alive leaves
;;   alive:      GROUP rows × trees i32 masks, row k's at alive + k * trees * 4
;;   valueAt:    trees × 32 f64, the value of tree t's k-th leaf from the left at (t * 32 + k) * 8
;;   features:   per feature, 4 i32: thresholds address, threshold count (-1: categorical), missing slot,
;;               slot table address of its first slot
;;   thresholds: per numeric feature, its sorted distinct thresholds (f64)
;;   values:     per feature, a block of rows' values (f64), the next feature's $block values later
;;   slots:      per row, per feature: the address of the row's slot in the slot table
;;   out:        per row, one f64 the trees' values are added to, in tree order
(module
  (memory (import "env" "memory") 1)
  (global $features (mut i32) (i32.const 0))
  (global $trees (mut i32) (i32.const 0))
  (global $alive (mut i32) (i32.const 0))
  (global $valueAt (mut i32) (i32.const 0))
  (global $featureTable (mut i32) (i32.const 0))
  (global $values (mut i32) (i32.const 0))
  (global $block (mut i32) (i32.const 0))

  (func (export "init") (param $features i32) (param $trees i32) (param $alive i32) (param $valueAt i32)
        (param $featureTable i32) (param $values i32) (param $block i32)
    (global.set $features (local.get $features))
    (global.set $trees (local.get $trees))
    (global.set $alive (local.get $alive))
    (global.set $valueAt (local.get $valueAt))
    (global.set $featureTable (local.get $featureTable))
    (global.set $values (local.get $values))
    (global.set $block (local.get $block)))

  ;; How many of the $count sorted thresholds at $cuts lie below x (x not NaN). The halving steps depend
  ;; only on $count, and `select` picks the half, so no branch depends on the data.
  (func $below (param $cuts i32) (param $count i32) (param $x f64) (result i32)
    (local $base i32) (local $half i32)
    (if (i32.eqz (local.get $count)) (then (return (i32.const 0))))
    (local.set $base (local.get $cuts))
    (block $done
      (loop $halve
        (br_if $done (i32.le_u (local.get $count) (i32.const 1)))
        (local.set $half (i32.shr_u (local.get $count) (i32.const 1)))
        (local.set $base (select
          (i32.add (local.get $base) (i32.shl (local.get $half) (i32.const 3)))
          (local.get $base)
          (f64.lt (f64.load (i32.add (local.get $base) (i32.shl (local.get $half) (i32.const 3)))) (local.get $x))))
        (local.set $count (i32.sub (local.get $count) (local.get $half)))
        (br $halve)))
    (i32.add
      (i32.shr_u (i32.sub (local.get $base) (local.get $cuts)) (i32.const 3))
      (f64.lt (f64.load (local.get $base)) (local.get $x))))

  ;; Writes the slot table addresses of $rows rows' slots, from their values, to $slots.
  (func $findSlots (param $rows i32) (param $slots i32)
    (local $feature i32) (local $end i32) (local $value i32) (local $out i32) (local $r i32)
    (local $cuts i32) (local $count i32) (local $missing i32) (local $first i32) (local $x f64) (local $slot i32)
    (local.set $feature (global.get $featureTable))
    (local.set $end (i32.add (local.get $feature) (i32.shl (global.get $features) (i32.const 4))))
    (local.set $value (global.get $values))
    (local.set $out (local.get $slots))
    (block $featuresDone
      (loop $eachFeature
        (br_if $featuresDone (i32.ge_u (local.get $feature) (local.get $end)))
        (local.set $cuts (i32.load (local.get $feature)))
        (local.set $count (i32.load offset=4 (local.get $feature)))
        (local.set $missing (i32.load offset=8 (local.get $feature)))
        (local.set $first (i32.load offset=12 (local.get $feature)))
        (local.set $r (i32.const 0))
        (block $rowsDone
          (loop $eachRow
            (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $x (f64.load (i32.add (local.get $value) (i32.shl (local.get $r) (i32.const 3)))))
            (if (i32.lt_s (local.get $count) (i32.const 0))
              (then
                ;; A category's slot is its code; NaN, negative and unseen codes take the missing slot.
                (local.set $slot (select
                  (i32.trunc_sat_f64_s (local.get $x))
                  (local.get $missing)
                  (i32.and
                    (f64.ge (local.get $x) (f64.const 0))
                    (f64.lt (local.get $x) (f64.convert_i32_s (local.get $missing)))))))
              (else
                (local.set $slot (select
                  (local.get $missing)
                  (call $below (local.get $cuts) (local.get $count) (local.get $x))
                  (f64.ne (local.get $x) (local.get $x))))))
            (i32.store
              (i32.add (local.get $out) (i32.mul (local.get $r) (i32.shl (global.get $features) (i32.const 2))))
              (i32.add (local.get $first) (i32.shl (local.get $slot) (i32.const 2))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $eachRow)))
        (local.set $feature (i32.add (local.get $feature) (i32.const 16)))
        (local.set $value (i32.add (local.get $value) (i32.shl (global.get $block) (i32.const 3))))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $eachFeature))))

  ;; Rules out, in the masks at $alive, the leaves the row whose slots start at $slots cannot reach.
  (func $ruleOut (param $slots i32) (param $alive i32)
    (local $end i32) (local $i i32) (local $stop i32) (local $mask i32)
    (local.set $end (i32.add (local.get $slots) (i32.shl (global.get $features) (i32.const 2))))
    (block $rowDone
      (loop $feature
        (br_if $rowDone (i32.ge_u (local.get $slots) (local.get $end)))
        (local.set $i (i32.load (i32.load (local.get $slots))))
        (local.set $stop (i32.load offset=4 (i32.load (local.get $slots))))
        (block $slotDone
          (loop $entry
            (br_if $slotDone (i32.ge_u (local.get $i) (local.get $stop)))
            (local.set $mask (i32.add (local.get $alive) (i32.load (local.get $i))))
            (i32.store (local.get $mask) (i32.and (i32.load (local.get $mask)) (i32.load offset=4 (local.get $i))))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $entry)))
        (local.set $slots (i32.add (local.get $slots) (i32.const 4)))
        (br $feature))))

  ;; Adds to out[r] the value of each tree's leftmost alive leaf, one tree after the other.
  (func $addLeaves (param $alive i32) (param $out i32)
    (local $end i32) (local $value i32) (local $sum f64)
    (local.set $end (i32.add (local.get $alive) (i32.shl (global.get $trees) (i32.const 2))))
    (local.set $value (global.get $valueAt))
    (local.set $sum (f64.load (local.get $out)))
    (block $done
      (loop $tree
        (br_if $done (i32.ge_u (local.get $alive) (local.get $end)))
        (local.set $sum (f64.add (local.get $sum)
          (f64.load (i32.add (local.get $value) (i32.shl (i32.ctz (i32.load (local.get $alive))) (i32.const 3))))))
        (local.set $alive (i32.add (local.get $alive) (i32.const 4)))
        (local.set $value (i32.add (local.get $value) (i32.const 256)))
        (br $tree)))
    (f64.store (local.get $out) (local.get $sum)))

  ;; The same for four rows at once: four independent sums keep the adder busy where one sum would wait
  ;; on the previous addition; each row still adds its trees in order.
  (func $addLeaves4 (param $alive i32) (param $out i32)
    (local $end i32) (local $value i32) (local $stride i32)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
    (local.set $stride (i32.shl (global.get $trees) (i32.const 2)))
    (local.set $end (i32.add (local.get $alive) (local.get $stride)))
    (local.set $value (global.get $valueAt))
    (local.set $s0 (f64.load (local.get $out)))
    (local.set $s1 (f64.load offset=8 (local.get $out)))
    (local.set $s2 (f64.load offset=16 (local.get $out)))
    (local.set $s3 (f64.load offset=24 (local.get $out)))
    (block $done
      (loop $tree
        (br_if $done (i32.ge_u (local.get $alive) (local.get $end)))
        (local.set $s0 (f64.add (local.get $s0) (f64.load (i32.add (local.get $value)
          (i32.shl (i32.ctz (i32.load (local.get $alive))) (i32.const 3))))))
        (local.set $s1 (f64.add (local.get $s1) (f64.load (i32.add (local.get $value)
          (i32.shl (i32.ctz (i32.load (i32.add (local.get $alive) (local.get $stride)))) (i32.const 3))))))
        (local.set $s2 (f64.add (local.get $s2) (f64.load (i32.add (local.get $value)
          (i32.shl (i32.ctz (i32.load (i32.add (local.get $alive) (i32.shl (local.get $stride) (i32.const 1)))))
            (i32.const 3))))))
        (local.set $s3 (f64.add (local.get $s3) (f64.load (i32.add (local.get $value)
          (i32.shl (i32.ctz (i32.load (i32.add (local.get $alive) (i32.mul (local.get $stride) (i32.const 3)))))
            (i32.const 3))))))
        (local.set $alive (i32.add (local.get $alive) (i32.const 4)))
        (local.set $value (i32.add (local.get $value) (i32.const 256)))
        (br $tree)))
    (f64.store (local.get $out) (local.get $s0))
    (f64.store offset=8 (local.get $out) (local.get $s1))
    (f64.store offset=16 (local.get $out) (local.get $s2))
    (f64.store offset=24 (local.get $out) (local.get $s3)))

  ;; Scores $rows rows (at most $block) whose values are in place: their slots go to $slots, their sums are
  ;; added to at $out. Four rows at a time, then one by one.
  (func (export "score") (param $rows i32) (param $slots i32) (param $out i32)
    (local $rowSlots i32) (local $stride i32)
    (call $findSlots (local.get $rows) (local.get $slots))
    (local.set $rowSlots (i32.shl (global.get $features) (i32.const 2)))
    (local.set $stride (i32.shl (global.get $trees) (i32.const 2)))
    (block $fours
      (loop $four
        (br_if $fours (i32.lt_u (local.get $rows) (i32.const 4)))
        (memory.fill (global.get $alive) (i32.const 255) (i32.shl (local.get $stride) (i32.const 2)))
        (call $ruleOut (local.get $slots) (global.get $alive))
        (call $ruleOut (i32.add (local.get $slots) (local.get $rowSlots))
          (i32.add (global.get $alive) (local.get $stride)))
        (call $ruleOut (i32.add (local.get $slots) (i32.shl (local.get $rowSlots) (i32.const 1)))
          (i32.add (global.get $alive) (i32.shl (local.get $stride) (i32.const 1))))
        (call $ruleOut (i32.add (local.get $slots) (i32.mul (local.get $rowSlots) (i32.const 3)))
          (i32.add (global.get $alive) (i32.mul (local.get $stride) (i32.const 3))))
        (call $addLeaves4 (global.get $alive) (local.get $out))
        (local.set $slots (i32.add (local.get $slots) (i32.shl (local.get $rowSlots) (i32.const 2))))
        (local.set $out (i32.add (local.get $out) (i32.const 32)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 4)))
        (br $four)))
    (block $ones
      (loop $one
        (br_if $ones (i32.eqz (local.get $rows)))
        (memory.fill (global.get $alive) (i32.const 255) (local.get $stride))
        (call $ruleOut (local.get $slots) (global.get $alive))
        (call $addLeaves (global.get $alive) (local.get $out))
        (local.set $slots (i32.add (local.get $slots) (local.get $rowSlots)))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $one))))
)

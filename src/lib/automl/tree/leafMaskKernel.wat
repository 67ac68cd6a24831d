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
;;   slots:      per row, per feature: the address of the row's slot in the slot table
;;   out:        per row, one f64 the trees' values are added to, in tree order
(module
  (memory (import "env" "memory") 1)
  (global $features (mut i32) (i32.const 0))
  (global $trees (mut i32) (i32.const 0))
  (global $alive (mut i32) (i32.const 0))
  (global $valueAt (mut i32) (i32.const 0))

  (func (export "init") (param $features i32) (param $trees i32) (param $alive i32) (param $valueAt i32)
    (global.set $features (local.get $features))
    (global.set $trees (local.get $trees))
    (global.set $alive (local.get $alive))
    (global.set $valueAt (local.get $valueAt)))

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

  ;; Scores $rows rows: their slots from $slots, their sums at $out. Four rows at a time, then one by one.
  (func (export "score") (param $rows i32) (param $slots i32) (param $out i32)
    (local $rowSlots i32) (local $stride i32)
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

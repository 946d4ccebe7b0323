;; The browser's hot loops in WebAssembly with 128-bit SIMD (f32x4): what ui/components/kernels.js
;; runs every dense and convolutional layer with, about 20 times faster than plain JavaScript.
;;
;; Compiled by scripts/build_kernels.py into kernels_wasm.js (base64, committed: the app has no
;; build step), and held to NumPy by tests/unit/test_kernels.py, which runs this module in wasmtime.
;; Every array is float32 (or int32 for an index table), row-major, in the one memory the page
;; imports; every pointer is a byte address and every size a count of numbers. Address 0 holds no
;; array, so a bias pointer of 0 means "no bias".
(module
  (import "env" "memory" (memory 1))

  ;; out[m x n] = a[m x k] . w[k x n] (+ bias[n] when bias is not 0).
  ;; The columns of `out` go 16 at a time (four f32x4 sums kept in registers over the whole of k),
  ;; then 4 at a time, then one by one; inside a block of columns, row after row of `a`, so that
  ;; the block's strip of `w` stays in the CPU's nearest cache for the whole batch. A zero in `a`
  ;; skips its row of `w`: after a ReLU, and in a digit's blank margins, most numbers are 0.
  (func $matmul (export "matmul")
    (param $a i32) (param $w i32) (param $bias i32) (param $out i32)
    (param $m i32) (param $k i32) (param $n i32)
    (local $aBytes i32) (local $stride i32) (local $j i32) (local $aRow i32) (local $aEnd i32)
    (local $aPtr i32) (local $wStrip i32) (local $wPtr i32) (local $outPtr i32)
    (local $value f32) (local $splat v128) (local $sum f32)
    (local $start0 v128) (local $start1 v128) (local $start2 v128) (local $start3 v128)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local.set $aBytes (i32.shl (local.get $k) (i32.const 2))) ;; bytes in a row of a
    (local.set $aEnd (i32.add (local.get $a) (i32.mul (local.get $m) (local.get $aBytes))))
    (local.set $stride (i32.shl (local.get $n) (i32.const 2))) ;; bytes in a row of w and of out
    ;; 16 columns at a time
    (block $done16
      (loop $columns16
        (br_if $done16 (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $n)))
        (if (local.get $bias)
          (then
            (local.set $wPtr (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $start0 (v128.load (local.get $wPtr)))
            (local.set $start1 (v128.load offset=16 (local.get $wPtr)))
            (local.set $start2 (v128.load offset=32 (local.get $wPtr)))
            (local.set $start3 (v128.load offset=48 (local.get $wPtr))))
          (else
            (local.set $start0 (v128.const i32x4 0 0 0 0))
            (local.set $start1 (v128.const i32x4 0 0 0 0))
            (local.set $start2 (v128.const i32x4 0 0 0 0))
            (local.set $start3 (v128.const i32x4 0 0 0 0))))
        (local.set $wStrip (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $outPtr (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $aRow (local.get $a))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $aRow) (local.get $aEnd)))
            (local.set $acc0 (local.get $start0))
            (local.set $acc1 (local.get $start1))
            (local.set $acc2 (local.get $start2))
            (local.set $acc3 (local.get $start3))
            (local.set $aPtr (local.get $aRow))
            (local.set $aRow (i32.add (local.get $aRow) (local.get $aBytes)))
            (local.set $wPtr (local.get $wStrip))
            (block $kDone
              (loop $kLoop
                (br_if $kDone (i32.ge_u (local.get $aPtr) (local.get $aRow)))
                (local.set $value (f32.load (local.get $aPtr)))
                (if (f32.ne (local.get $value) (f32.const 0))
                  (then
                    (local.set $splat (f32x4.splat (local.get $value)))
                    (local.set $acc0 (f32x4.add (local.get $acc0)
                      (f32x4.mul (local.get $splat) (v128.load (local.get $wPtr)))))
                    (local.set $acc1 (f32x4.add (local.get $acc1)
                      (f32x4.mul (local.get $splat) (v128.load offset=16 (local.get $wPtr)))))
                    (local.set $acc2 (f32x4.add (local.get $acc2)
                      (f32x4.mul (local.get $splat) (v128.load offset=32 (local.get $wPtr)))))
                    (local.set $acc3 (f32x4.add (local.get $acc3)
                      (f32x4.mul (local.get $splat) (v128.load offset=48 (local.get $wPtr)))))))
                (local.set $aPtr (i32.add (local.get $aPtr) (i32.const 4)))
                (local.set $wPtr (i32.add (local.get $wPtr) (local.get $stride)))
                (br $kLoop)))
            (v128.store (local.get $outPtr) (local.get $acc0))
            (v128.store offset=16 (local.get $outPtr) (local.get $acc1))
            (v128.store offset=32 (local.get $outPtr) (local.get $acc2))
            (v128.store offset=48 (local.get $outPtr) (local.get $acc3))
            (local.set $outPtr (i32.add (local.get $outPtr) (local.get $stride)))
            (br $rows)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $columns16)))
    ;; 4 columns at a time
    (block $done4
      (loop $columns4
        (br_if $done4 (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
        (local.set $start0 (if (result v128) (local.get $bias)
          (then (v128.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
          (else (v128.const i32x4 0 0 0 0))))
        (local.set $wStrip (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $outPtr (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $aRow (local.get $a))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $aRow) (local.get $aEnd)))
            (local.set $acc0 (local.get $start0))
            (local.set $aPtr (local.get $aRow))
            (local.set $aRow (i32.add (local.get $aRow) (local.get $aBytes)))
            (local.set $wPtr (local.get $wStrip))
            (block $kDone
              (loop $kLoop
                (br_if $kDone (i32.ge_u (local.get $aPtr) (local.get $aRow)))
                (local.set $value (f32.load (local.get $aPtr)))
                (if (f32.ne (local.get $value) (f32.const 0))
                  (then
                    (local.set $acc0 (f32x4.add (local.get $acc0)
                      (f32x4.mul (f32x4.splat (local.get $value)) (v128.load (local.get $wPtr)))))))
                (local.set $aPtr (i32.add (local.get $aPtr) (i32.const 4)))
                (local.set $wPtr (i32.add (local.get $wPtr) (local.get $stride)))
                (br $kLoop)))
            (v128.store (local.get $outPtr) (local.get $acc0))
            (local.set $outPtr (i32.add (local.get $outPtr) (local.get $stride)))
            (br $rows)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $columns4)))
    ;; the last 0 to 3 columns, one by one
    (block $done1
      (loop $columns1
        (br_if $done1 (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $wStrip (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $outPtr (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $aRow (local.get $a))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $aRow) (local.get $aEnd)))
            (local.set $sum (if (result f32) (local.get $bias)
              (then (f32.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
              (else (f32.const 0))))
            (local.set $aPtr (local.get $aRow))
            (local.set $aRow (i32.add (local.get $aRow) (local.get $aBytes)))
            (local.set $wPtr (local.get $wStrip))
            (block $kDone
              (loop $kLoop
                (br_if $kDone (i32.ge_u (local.get $aPtr) (local.get $aRow)))
                (local.set $sum (f32.add (local.get $sum)
                  (f32.mul (f32.load (local.get $aPtr)) (f32.load (local.get $wPtr)))))
                (local.set $aPtr (i32.add (local.get $aPtr) (i32.const 4)))
                (local.set $wPtr (i32.add (local.get $wPtr) (local.get $stride)))
                (br $kLoop)))
            (f32.store (local.get $outPtr) (local.get $sum))
            (local.set $outPtr (i32.add (local.get $outPtr) (local.get $stride)))
            (br $rows)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $columns1))))

  ;; Copy `count` runs of `width` numbers: run i from src + index[i] (an offset in numbers), or
  ;; zeros where index[i] is -1. With a table of (pixel, tap) -> source pixel this is im2col, the
  ;; patches of a "same" convolution laid out as rows, so that the convolution is one matmul.
  (func $gather (export "gather")
    (param $src i32) (param $index i32) (param $dst i32) (param $count i32) (param $width i32)
    (local $end i32) (local $from i32) (local $to i32) (local $offset i32) (local $bytes i32)
    (local.set $bytes (i32.shl (local.get $width) (i32.const 2)))
    (local.set $end (i32.add (local.get $index) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $runs
        (br_if $done (i32.ge_u (local.get $index) (local.get $end)))
        (local.set $offset (i32.load (local.get $index)))
        (local.set $to (local.get $dst))
        (local.set $dst (i32.add (local.get $dst) (local.get $bytes)))
        (if (i32.lt_s (local.get $offset) (i32.const 0))
          (then ;; padding: zeros
            (block $zeroed
              (loop $zero
                (br_if $zeroed (i32.ge_u (local.get $to) (local.get $dst)))
                (i32.store (local.get $to) (i32.const 0))
                (local.set $to (i32.add (local.get $to) (i32.const 4)))
                (br $zero))))
          (else
            (local.set $from (i32.add (local.get $src) (i32.shl (local.get $offset) (i32.const 2))))
            (block $copied4
              (loop $copy4
                (br_if $copied4 (i32.gt_u (i32.add (local.get $to) (i32.const 16)) (local.get $dst)))
                (v128.store (local.get $to) (v128.load (local.get $from)))
                (local.set $to (i32.add (local.get $to) (i32.const 16)))
                (local.set $from (i32.add (local.get $from) (i32.const 16)))
                (br $copy4)))
            (block $copied
              (loop $copy
                (br_if $copied (i32.ge_u (local.get $to) (local.get $dst)))
                (i32.store (local.get $to) (i32.load (local.get $from)))
                (local.set $to (i32.add (local.get $to) (i32.const 4)))
                (local.set $from (i32.add (local.get $from) (i32.const 4)))
                (br $copy)))))
        (local.set $index (i32.add (local.get $index) (i32.const 4)))
        (br $runs))))

  ;; dst[o] = bias + the sum over t < taps of src[index[o * taps + t] ...], each a run of `width`
  ;; numbers (an index of -1 adds nothing), for o < count. The second half of a convolution by
  ;; taps (inference.js, conv2dSameUpsampled): each output pixel adds up its taps' products.
  (func $sumTaps (export "sumTaps")
    (param $src i32) (param $index i32) (param $bias i32) (param $dst i32)
    (param $count i32) (param $taps i32) (param $width i32)
    (local $bytes i32) (local $tap i32) (local $offset i32) (local $from i32) (local $to i32) (local $rowEnd i32)
    (local.set $bytes (i32.shl (local.get $width) (i32.const 2)))
    (block $done
      (loop $outputs
        (br_if $done (i32.eqz (local.get $count)))
        (local.set $rowEnd (i32.add (local.get $dst) (local.get $bytes)))
        (memory.copy (local.get $dst) (local.get $bias) (local.get $bytes))
        (local.set $tap (local.get $taps))
        (block $tapsDone
          (loop $eachTap
            (br_if $tapsDone (i32.eqz (local.get $tap)))
            (local.set $offset (i32.load (local.get $index)))
            (if (i32.ge_s (local.get $offset) (i32.const 0))
              (then
                (local.set $from (i32.add (local.get $src) (i32.shl (local.get $offset) (i32.const 2))))
                (local.set $to (local.get $dst))
                (block $added4
                  (loop $add4
                    (br_if $added4 (i32.gt_u (i32.add (local.get $to) (i32.const 16)) (local.get $rowEnd)))
                    (v128.store (local.get $to)
                      (f32x4.add (v128.load (local.get $to)) (v128.load (local.get $from))))
                    (local.set $to (i32.add (local.get $to) (i32.const 16)))
                    (local.set $from (i32.add (local.get $from) (i32.const 16)))
                    (br $add4)))
                (block $added
                  (loop $add
                    (br_if $added (i32.ge_u (local.get $to) (local.get $rowEnd)))
                    (f32.store (local.get $to) (f32.add (f32.load (local.get $to)) (f32.load (local.get $from))))
                    (local.set $to (i32.add (local.get $to) (i32.const 4)))
                    (local.set $from (i32.add (local.get $from) (i32.const 4)))
                    (br $add)))))
            (local.set $index (i32.add (local.get $index) (i32.const 4)))
            (local.set $tap (i32.sub (local.get $tap) (i32.const 1)))
            (br $eachTap)))
        (local.set $dst (local.get $rowEnd))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $outputs))))

  ;; values[i] = max(values[i], 0) for i < count, in place.
  (func $relu (export "relu") (param $values i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $values) (i32.shl (local.get $count) (i32.const 2))))
    (block $done4
      (loop $each4
        (br_if $done4 (i32.gt_u (i32.add (local.get $values) (i32.const 16)) (local.get $end)))
        (v128.store (local.get $values) (f32x4.max (v128.load (local.get $values)) (v128.const i32x4 0 0 0 0)))
        (local.set $values (i32.add (local.get $values) (i32.const 16)))
        (br $each4)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $values) (local.get $end)))
        (f32.store (local.get $values) (f32.max (f32.load (local.get $values)) (f32.const 0)))
        (local.set $values (i32.add (local.get $values) (i32.const 4)))
        (br $each))))

  ;; values[i] = 1 / (1 + exp(-values[i])) for i < count, in place. Math.exp costs about 20 ns a
  ;; number in JavaScript, a third of a 20 x 20 manifold's time; this is Cephes's expf, four at a
  ;; time: exp(x) = 2^n * exp(r) with n = round(x / ln 2), |r| <= ln(2) / 2, exp(r) a polynomial
  ;; (relative error about 1e-7), and 2^n built from its exponent bits. x is clamped to +-88, where
  ;; exp is still a float32 and the sigmoid already 0 or 1 to float32's precision.
  (func $sigmoid (export "sigmoid") (param $values i32) (param $count i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $values) (i32.shl (local.get $count) (i32.const 2))))
    (block $done4
      (loop $each4
        (br_if $done4 (i32.gt_u (i32.add (local.get $values) (i32.const 16)) (local.get $end)))
        (v128.store (local.get $values) (call $sigmoid4 (v128.load (local.get $values))))
        (local.set $values (i32.add (local.get $values) (i32.const 16)))
        (br $each4)))
    (block $done ;; the last 0 to 3 numbers, one by one
      (loop $each
        (br_if $done (i32.ge_u (local.get $values) (local.get $end)))
        (f32.store (local.get $values)
          (f32x4.extract_lane 0 (call $sigmoid4 (f32x4.splat (f32.load (local.get $values))))))
        (local.set $values (i32.add (local.get $values) (i32.const 4)))
        (br $each))))

  (func $sigmoid4 (param $value v128) (result v128)
    (local $x v128) (local $n v128) (local $p v128)
    ;; x = -value, clamped
    (local.set $x (f32x4.min (f32x4.splat (f32.const 88))
      (f32x4.max (f32x4.splat (f32.const -88)) (f32x4.neg (local.get $value)))))
    ;; n = floor(x * log2(e) + 0.5); r = x - n * ln 2, ln 2 in two parts for precision
    (local.set $n (f32x4.floor (f32x4.add (f32x4.mul (local.get $x) (f32x4.splat (f32.const 1.44269504088896341)))
      (f32x4.splat (f32.const 0.5)))))
    (local.set $x (f32x4.sub (local.get $x) (f32x4.mul (local.get $n) (f32x4.splat (f32.const 0.693359375)))))
    (local.set $x (f32x4.sub (local.get $x) (f32x4.mul (local.get $n) (f32x4.splat (f32.const -2.12194440e-4)))))
    ;; exp(r) = 1 + r + r^2 * p(r)
    (local.set $p (f32x4.splat (f32.const 1.9875691500e-4)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x)) (f32x4.splat (f32.const 1.3981999507e-3))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x)) (f32x4.splat (f32.const 8.3334519073e-3))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x)) (f32x4.splat (f32.const 4.1665795894e-2))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x)) (f32x4.splat (f32.const 1.6666665459e-1))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $x)) (f32x4.splat (f32.const 5.0000001201e-1))))
    (local.set $p (f32x4.add (f32x4.add (f32x4.mul (local.get $p) (f32x4.mul (local.get $x) (local.get $x)))
      (local.get $x)) (f32x4.splat (f32.const 1))))
    ;; times 2^n: n + 127 in the exponent bits (n is within -127..128 after the clamp)
    (local.set $p (f32x4.mul (local.get $p)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (i32x4.splat (i32.const 127))) (i32.const 23))))
    (f32x4.div (f32x4.splat (f32.const 1)) (f32x4.add (f32x4.splat (f32.const 1)) (local.get $p))))

  ;; 2x2 max pooling, stride 2, "valid", of an image (height, width, channels) into dst
  ;; (height / 2, width / 2, channels); channels a multiple of 4 (kernels.js checks).
  (func $maxPool2 (export "maxPool2")
    (param $src i32) (param $dst i32) (param $height i32) (param $width i32) (param $channels i32)
    (local $y i32) (local $x i32) (local $c i32) (local $rowBytes i32) (local $pixelBytes i32) (local $from i32)
    (local.set $pixelBytes (i32.shl (local.get $channels) (i32.const 2)))
    (local.set $rowBytes (i32.mul (local.get $width) (local.get $pixelBytes)))
    (local.set $height (i32.shr_u (local.get $height) (i32.const 1)))
    (local.set $width (i32.shr_u (local.get $width) (i32.const 1)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $y) (local.get $height)))
        (local.set $x (i32.const 0))
        (block $columnsDone
          (loop $columns
            (br_if $columnsDone (i32.ge_u (local.get $x) (local.get $width)))
            ;; the top-left source pixel of this output pixel
            (local.set $from (i32.add (local.get $src)
              (i32.add (i32.mul (i32.shl (local.get $y) (i32.const 1)) (local.get $rowBytes))
                       (i32.mul (i32.shl (local.get $x) (i32.const 1)) (local.get $pixelBytes)))))
            (local.set $c (i32.const 0))
            (block $channelsDone
              (loop $eachChannel
                (br_if $channelsDone (i32.ge_u (local.get $c) (local.get $pixelBytes)))
                (v128.store (local.get $dst)
                  (f32x4.max
                    (f32x4.max (v128.load (local.get $from))
                               (v128.load (i32.add (local.get $from) (local.get $pixelBytes))))
                    (f32x4.max (v128.load (i32.add (local.get $from) (local.get $rowBytes)))
                               (v128.load (i32.add (i32.add (local.get $from) (local.get $rowBytes))
                                                   (local.get $pixelBytes))))))
                (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
                (local.set $from (i32.add (local.get $from) (i32.const 16)))
                (local.set $c (i32.add (local.get $c) (i32.const 16)))
                (br $eachChannel)))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $columns)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows))))
)

/// Dense vector kernels over contiguous `Float` buffers.
///
/// Optimised builds use 8-lane SIMD with two accumulators (multiply then add: `addingProduct`
/// becomes a library call per lane on x86-64 without FMA). Unoptimised builds use eight scalar
/// accumulators instead, because generic SIMD code without optimisation is ~30× slower than
/// scalar code, which would make debug builds and the test suite crawl.
public enum VectorMath {
    /// Σ a[i]·b[i] over `count` elements.
    @inlinable
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        #if DEBUG
        var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
        var s4: Float = 0, s5: Float = 0, s6: Float = 0, s7: Float = 0
        var i = 0
        while i &+ 8 <= count {
            s0 += a[i] * b[i]
            s1 += a[i &+ 1] * b[i &+ 1]
            s2 += a[i &+ 2] * b[i &+ 2]
            s3 += a[i &+ 3] * b[i &+ 3]
            s4 += a[i &+ 4] * b[i &+ 4]
            s5 += a[i &+ 5] * b[i &+ 5]
            s6 += a[i &+ 6] * b[i &+ 6]
            s7 += a[i &+ 7] * b[i &+ 7]
            i &+= 8
        }
        var sum = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
        #else
        var i = 0
        var acc0 = SIMD8<Float>.zero
        var acc1 = SIMD8<Float>.zero
        let a8 = UnsafeRawPointer(a)
        let b8 = UnsafeRawPointer(b)
        while i + 16 <= count {
            acc0 += a8.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                * b8.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            acc1 += a8.loadUnaligned(fromByteOffset: (i + 8) * 4, as: SIMD8<Float>.self)
                * b8.loadUnaligned(fromByteOffset: (i + 8) * 4, as: SIMD8<Float>.self)
            i += 16
        }
        var sum = (acc0 + acc1).sum()
        #endif
        while i < count {
            sum += a[i] * b[i]
            i &+= 1
        }
        return sum
    }

    /// Σ (a[i] − b[i])² over `count` elements.
    @inlinable
    public static func squaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var sum: Float = 0
        var i = 0
        #if !DEBUG
        var acc = SIMD8<Float>.zero
        let a8 = UnsafeRawPointer(a)
        let b8 = UnsafeRawPointer(b)
        while i + 8 <= count {
            let d = a8.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                - b8.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            acc += d * d
            i += 8
        }
        sum = acc.sum()
        #endif
        while i < count {
            let d = a[i] - b[i]
            sum += d * d
            i &+= 1
        }
        return sum
    }

    /// y[i] += alpha · x[i].
    @inlinable
    public static func addScaled(_ x: UnsafePointer<Float>, alpha: Float, into y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        #if !DEBUG
        // Eight lanes at a time, the same multiply then add per element as the loop below (so
        // the same sums): k-means recomputes every centre from its rows with this.
        let a8 = SIMD8<Float>(repeating: alpha)
        let x8 = UnsafeRawPointer(x)
        let y8 = UnsafeMutableRawPointer(y)
        while i + 8 <= count {
            let sum = y8.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) + a8 * x8.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            y8.storeBytes(of: sum, toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        #endif
        while i < count {
            y[i] += alpha * x[i]
            i &+= 1
        }
    }

    /// Scales `count` elements to unit L2 norm in place; returns the norm before scaling.
    /// A zero vector is left as it is.
    @discardableResult @inlinable
    public static func normalize(_ x: UnsafeMutablePointer<Float>, count: Int) -> Float {
        let norm = dot(x, x, count: count).squareRoot()
        if norm > 0 {
            let inverse = 1 / norm
            for i in 0..<count { x[i] *= inverse }
        }
        return norm
    }

    /// Σ a[i]·b[i] for two arrays of the same length.
    public static func dot(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count, "dot: lengths differ (\(a.count) vs \(b.count))")
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                guard let x = pa.baseAddress, let y = pb.baseAddress else { return 0 }
                return dot(x, y, count: a.count)
            }
        }
    }

    /// The vector scaled to unit L2 norm (a zero vector is returned unchanged).
    public static func normalized(_ v: [Float]) -> [Float] {
        var copy = v
        copy.withUnsafeMutableBufferPointer { p in
            if let base = p.baseAddress { normalize(base, count: p.count) }
        }
        return copy
    }
}

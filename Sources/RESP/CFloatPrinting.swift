#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C's printf conversions of one floating-point value, written into caller-provided scratch.
///
/// Uses `strfromd`/`strfroml` (C23, glibc ≥ 2.25), which take the value directly: about five
/// times faster than `vsnprintf` through `withVaList`, whose argument packing allocates. Swift's
/// Glibc module does not import them, so they are looked up by name once; where they are missing,
/// `vsnprintf` is used.
enum CFloatPrinting {
    /// `%.17g` of `value`; returns the length written.
    static func write17g(_ value: Double, to out: UnsafeMutableRawBufferPointer) -> Int {
        let length =
            if let strfromd {
                withCString("%.17g") { strfromd(out.baseAddress?.assumingMemoryBound(to: CChar.self), out.count, $0, value) }
            } else {
                vsnprintf(out, "%.17g", value)
            }
        return checked(length, out)
    }

    /// `%.17Lf` of `value`; returns the length written.
    static func write17Lf(_ value: CLongDouble, to out: UnsafeMutableRawBufferPointer) -> Int {
        let length =
            if let strfroml {
                withCString("%.17f") { strfroml(out.baseAddress?.assumingMemoryBound(to: CChar.self), out.count, $0, value) }
            } else {
                vsnprintf(out, "%.17Lf", value)
            }
        return checked(length, out)
    }

    private typealias FromDouble = @convention(c) (UnsafeMutablePointer<CChar>?, Int, UnsafePointer<CChar>?, Double) -> Int32
    private typealias FromLongDouble = @convention(c) (
        UnsafeMutablePointer<CChar>?, Int, UnsafePointer<CChar>?, CLongDouble
    ) -> Int32

    private static let strfromd = lookUp("strfromd", as: FromDouble.self)
    private static let strfroml = lookUp("strfroml", as: FromLongDouble.self)

    private static func lookUp<Function>(_ name: String, as type: Function.Type) -> Function? {
        // A null handle is RTLD_DEFAULT on glibc: search the global symbol scope.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    private static func vsnprintf(_ out: UnsafeMutableRawBufferPointer, _ format: StaticString, _ value: CVarArg) -> Int32 {
        withVaList([value]) { arguments in
            withCString(format) { cFormat in
                #if canImport(Glibc)
                Glibc.vsnprintf(out.baseAddress?.assumingMemoryBound(to: CChar.self), out.count, cFormat, arguments)
                #else
                Darwin.vsnprintf(out.baseAddress?.assumingMemoryBound(to: CChar.self), out.count, cFormat, arguments)
                #endif
            }
        }
    }

    private static func withCString<Result>(_ text: StaticString, _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        // String literals are stored NUL-terminated.
        text.utf8Start.withMemoryRebound(to: CChar.self, capacity: text.utf8CodeUnitCount + 1, body)
    }

    /// The scratch space is sized for the longest possible output, so truncation is a bug.
    private static func checked(_ length: Int32, _ out: UnsafeMutableRawBufferPointer) -> Int {
        precondition(length >= 0 && Int(length) < out.count, "formatted number does not fit its scratch space")
        return Int(length)
    }
}

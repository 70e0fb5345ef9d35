import Glibc

/// The small-hash encoding ("listpack" in OBJECT ENCODING): every field and value in one byte buffer, in
/// insertion order, the way Redis's listpack keeps them. An update rewrites the value where it is; a deletion
/// closes the gap, so the remaining pairs keep their order (HGETALL and HKEYS replies depend on it).
///
/// Format rule: entries alternate field, value, field, value...; each entry is its length as an unsigned
/// LEB128 varint (7 bits per byte, least significant group first, high bit set on every byte but the last)
/// followed by that many bytes.
struct HashListpack {
    private(set) var buffer: Bytes = []
    /// Field/value pairs held.
    private(set) var count = 0

    /// Where one entry lives in `buffer`: its header starts at `start`, its bytes span `body`.
    struct EntrySpan {
        let start: Int
        let body: Range<Int>
    }

    init() {}

    /// A listpack over `buffer`, which holds `count` pairs in the format above with distinct fields (bulk loading).
    init(buffer: Bytes, count: Int) {
        self.buffer = buffer
        self.count = count
    }

    /// The entry that starts at byte offset `start`.
    @inline(__always) func entry(at start: Int) -> EntrySpan {
        var length = 0, shift = 0, i = start
        while true {
            let b = buffer[i]
            length |= Int(b & 0x7F) << shift
            i += 1
            if b < 0x80 { break }
            shift += 7
        }
        return EntrySpan(start: start, body: i..<(i + length))
    }

    /// The field and value spans of the pair holding `field`, or nil.
    func find(_ field: Bytes) -> (field: EntrySpan, value: EntrySpan)? {
        var at = 0
        let end = buffer.count, n = field.count
        return buffer.withUnsafeBufferPointer { raw in
            field.withUnsafeBufferPointer { wanted in
                while at < end {
                    let f = entry(at: at)
                    let v = entry(at: f.body.upperBound)
                    if f.body.count == n, n == 0 || memcmp(raw.baseAddress! + f.body.lowerBound, wanted.baseAddress!, n) == 0 {
                        return (f, v)
                    }
                    at = v.body.upperBound
                }
                return nil
            }
        }
    }

    /// The value of `field`, or nil.
    func value(_ field: Bytes) -> ArraySlice<UInt8>? {
        guard let pair = find(field) else { return nil }
        return buffer[pair.value.body]
    }

    /// Stores `value` under `field`: replaced in place if the field exists, appended otherwise. True when the
    /// field is new.
    @discardableResult
    mutating func set(_ field: Bytes, _ value: Bytes) -> Bool {
        if let pair = find(field) {
            let old = pair.value
            if old.body.count == value.count {
                buffer.replaceSubrange(old.body, with: value)
            } else {
                var encoded = Bytes()
                encoded.reserveCapacity(value.count + 5)
                HashListpack.appendEntry(value, to: &encoded)
                buffer.replaceSubrange(old.start..<old.body.upperBound, with: encoded)
            }
            return false
        }
        HashListpack.appendEntry(field, to: &buffer)
        HashListpack.appendEntry(value, to: &buffer)
        count += 1
        return true
    }

    /// Removes `field` and its value; true when it was present.
    mutating func remove(_ field: Bytes) -> Bool {
        guard let pair = find(field) else { return false }
        buffer.removeSubrange(pair.field.start..<pair.value.body.upperBound)
        count -= 1
        if count == 0 { buffer = [] }
        return true
    }

    /// Calls `body` with each field and value, in order, without copying them.
    func forEach(_ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) rethrows {
        try buffer.withUnsafeBytes { raw in
            var at = 0
            while at < raw.count {
                let f = entry(at: at)
                let v = entry(at: f.body.upperBound)
                try body(UnsafeRawBufferPointer(rebasing: raw[f.body]), UnsafeRawBufferPointer(rebasing: raw[v.body]))
                at = v.body.upperBound
            }
        }
    }

    /// Byte offsets of every pair's field entry, in order: O(1) positional access for random sampling.
    func pairStarts() -> [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(count)
        var at = 0
        while at < buffer.count {
            starts.append(at)
            at = entry(at: entry(at: at).body.upperBound).body.upperBound
        }
        return starts
    }

    /// The pair whose field entry starts at `start` (an element of `pairStarts()`).
    func pair(at start: Int) -> (field: ArraySlice<UInt8>, value: ArraySlice<UInt8>) {
        let f = entry(at: start)
        return (buffer[f.body], buffer[entry(at: f.body.upperBound).body])
    }

    /// Heap bytes of the buffer.
    var memoryEstimate: Int { MemoryEstimate.byteArray(buffer.capacity) }

    private static func appendEntry(_ bytes: Bytes, to out: inout Bytes) {
        bytes.withUnsafeBytes { appendEntry($0, to: &out) }
    }

    /// Appends one entry (length varint, then the bytes) to `out`.
    static func appendEntry(_ bytes: UnsafeRawBufferPointer, to out: inout Bytes) {
        var length = bytes.count
        while length >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: length) | 0x80)
            length >>= 7
        }
        out.append(UInt8(length))
        out.append(contentsOf: bytes)
    }
}

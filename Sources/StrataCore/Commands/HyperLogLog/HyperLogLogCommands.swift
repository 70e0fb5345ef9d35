import NIOCore
import RESP

/// PFADD, PFCOUNT, PFMERGE and PFDEBUG: HyperLogLogs stored in strings, behaving as hyperloglog.c does (the cached
/// cardinality, the "pfadd" event PFMERGE also raises, the unsharing that leaves the string "raw").
enum HyperLogLogCommands {
    /// `key [element ...]`: 1 when a register changed or the key was created.
    static func pfadd(_ call: Call, _ out: inout ByteBuffer) {
        let key = call.args[1]
        let elements = call.args[2...]
        let maxBytes = call.engine.settings.encodingLimits.hllSparseMaxBytes
        var updated = 0
        guard let lookup = call.hyperLogLog(key, forWrite: true, &out) else { return }
        switch lookup {
        case .missing:
            var hll = HyperLogLog()
            for element in elements where hll.add(element, sparseMaxBytes: maxBytes) == .changed { updated += 1 }
            hll.invalidateCache()
            call.engine.setKey(call.db, key, .string(.bytes(hll.bytes, edited: true)), now: call.now)
            updated += 1
        case .found(let current, let edited):
            // Elements that change nothing leave the key untouched (no copy, no WATCH break), as in Redis.
            let start = elements.firstIndex(where: current.wouldChange) ?? elements.endIndex
            guard start < elements.endIndex || !edited else { return out.writeIntegerReply(0) }
            let corrupted = call.rewriteHyperLogLog(key) { hll -> Bool in
                for element in elements[start...] {
                    switch hll.add(element, sparseMaxBytes: maxBytes) {
                    case .changed: updated += 1
                    case .unchanged: break
                    case .corrupted: return true
                    }
                }
                if updated > 0 { hll.invalidateCache() }
                return false
            }
            if corrupted { return out.writeErrorReply(HyperLogLog.corruptedError) }
        }
        if updated > 0 {
            call.notify(.string, "pfadd", key)
            call.engine.dirty += updated
        }
        out.writeIntegerReply(updated > 0 ? 1 : 0)
    }

    /// `key [key ...]`: the estimate for one key (cached in its header), or for the union of several.
    static func pfcount(_ call: Call, _ out: inout ByteBuffer) {
        guard call.argc == 2 else {
            var registers = [UInt8](repeating: 0, count: HyperLogLog.registerCount)
            guard mergeRegisters(call, call.args[1...], into: &registers, &out) != nil else { return }
            let card = HyperLogLogEstimator.cardinality(registers: registers)
            return out.writeIntegerReply(Int(Int64(bitPattern: card)))
        }
        let key = call.args[1]
        guard let lookup = call.hyperLogLog(key, forWrite: false, &out) else { return }
        guard case .found(let hll, let edited) = lookup else { return out.writeIntegerReply(0) }
        if let card = hll.cachedCardinality {
            if !edited { call.rewriteHyperLogLog(key) { _ in } }
            return out.writeIntegerReply(Int(Int64(bitPattern: card)))
        }
        guard let card = hll.estimate() else {
            if !edited { call.rewriteHyperLogLog(key) { _ in } }
            return out.writeErrorReply(HyperLogLog.corruptedError)
        }
        call.rewriteHyperLogLog(key) { $0.storeCardinality(card) }
        call.engine.dirty += 1
        out.writeIntegerReply(Int(Int64(bitPattern: card)))
    }

    /// `destkey [sourcekey ...]`: stores the union of the destination and the sources in the destination, dense
    /// when any input was dense.
    static func pfmerge(_ call: Call, _ out: inout ByteBuffer) {
        var registers = [UInt8](repeating: 0, count: HyperLogLog.registerCount)
        guard let anyDense = mergeRegisters(call, call.args[1...], into: &registers, &out) else { return }
        let key = call.args[1]
        let maxBytes = call.engine.settings.encodingLimits.hllSparseMaxBytes
        func fill(_ hll: inout HyperLogLog) -> Bool {
            if anyDense { guard hll.promoteToDense() else { return false } }
            for (i, value) in registers.enumerated() where value != 0 {
                _ = hll.raise(i, to: value, sparseMaxBytes: maxBytes)
            }
            hll.invalidateCache()
            return true
        }
        if call.engine.lookupWrite(call.db, key, now: call.now) == nil {
            var hll = HyperLogLog()
            _ = fill(&hll)
            call.engine.setKey(call.db, key, .string(.bytes(hll.bytes, edited: true)), now: call.now)
        } else if !call.rewriteHyperLogLog(key, fill) {
            return out.writeErrorReply(HyperLogLog.corruptedError)
        }
        call.notify(.string, "pfadd", key)
        call.engine.dirty += 1
        out.writeSimpleString("OK")
    }

    /// Raises `registers` to the maximum over the HyperLogLogs at `keys` (missing keys count as empty). Returns
    /// whether any of them was dense, or nil after writing an error.
    private static func mergeRegisters(_ call: Call, _ keys: ArraySlice<Bytes>, into registers: inout [UInt8],
                                       _ out: inout ByteBuffer) -> Bool? {
        var anyDense = false
        for key in keys {
            guard let lookup = call.hyperLogLog(key, forWrite: false, &out) else { return nil }
            guard case .found(let hll, _) = lookup else { continue }
            anyDense = anyDense || hll.isDense
            guard hll.mergeMax(into: &registers) else {
                out.writeErrorReply(HyperLogLog.corruptedError)
                return nil
            }
        }
        return anyDense
    }

    /// `subcommand key`: GETREG (registers, converting to dense), DECODE (sparse opcodes), ENCODING, TODENSE.
    static func pfdebug(_ call: Call, _ out: inout ByteBuffer) {
        let key = call.args[2]
        guard let lookup = call.hyperLogLog(key, forWrite: true, &out) else { return }
        guard case .found = lookup else { return out.writeErrorReply("ERR The specified key does not exist") }
        let sub = call.args[1]
        call.rewriteHyperLogLog(key) { hll in
            if sub.equalsIgnoringCase("getreg") || sub.equalsIgnoringCase("todense") {
                let converted = !hll.isDense
                guard hll.promoteToDense() else { return out.writeErrorReply(HyperLogLog.corruptedError) }
                if converted { call.engine.dirty += 1 }
                guard sub.equalsIgnoringCase("getreg") else { return out.writeIntegerReply(converted ? 1 : 0) }
                out.writeArrayHeader(HyperLogLog.registerCount)
                for i in 0..<HyperLogLog.registerCount { out.writeIntegerReply(Int(hll.denseRegister(i))) }
            } else if sub.equalsIgnoringCase("decode") {
                guard !hll.isDense else { return out.writeErrorReply("ERR HLL encoding is not sparse") }
                out.writeBulkReply(string: hll.sparseDescription())
            } else if sub.equalsIgnoringCase("encoding") {
                out.writeSimpleString(hll.isDense ? "dense" : "sparse")
            } else {
                out.writeErrorReply("ERR Unknown PFDEBUG subcommand '\(sub.text)'")
            }
        }
    }
}

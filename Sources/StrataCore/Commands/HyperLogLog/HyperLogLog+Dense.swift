/// The dense encoding: 16384 six-bit registers packed little-endian-first into 12288 bytes after the header.
/// Register i occupies bits 6i ..< 6i+6 of the byte stream, where bit 0 is the least significant bit of the first
/// byte; a register starting at bit 4 or 6 of a byte continues into the next one.
extension HyperLogLog {
    func denseRegister(_ index: Int) -> UInt8 {
        let bit = index * HyperLogLog.registerBits
        let byte = HyperLogLog.headerSize + bit / 8
        let shift = bit & 7
        var value = bytes[byte] >> shift
        if shift > 2 { value |= bytes[byte + 1] << (8 - shift) }
        return value & HyperLogLog.registerMax
    }

    mutating func setDenseRegister(_ index: Int, _ value: UInt8) {
        let bit = index * HyperLogLog.registerBits
        let byte = HyperLogLog.headerSize + bit / 8
        let shift = bit & 7
        bytes[byte] &= ~(HyperLogLog.registerMax << shift)
        bytes[byte] |= value << shift
        guard shift > 2 else { return }
        bytes[byte + 1] &= ~(HyperLogLog.registerMax >> (8 - shift))
        bytes[byte + 1] |= value >> (8 - shift)
    }
}

/// A Redis hash value. (Foundation placeholder: the hash work replaces this file with the real structure.)
public struct HashValue {
    public init() {}
    public var count: Int { 0 }
    public var encodingName: String { "listpack" }
    var memoryEstimate: Int { 0 }
}

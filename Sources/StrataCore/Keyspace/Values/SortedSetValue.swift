/// A Redis zset value. (Foundation placeholder: the zset work replaces this file with the real structure.)
public struct SortedSetValue {
    public init() {}
    public var count: Int { 0 }
    public var encodingName: String { "listpack" }
    var memoryEstimate: Int { 0 }
}

/// A Redis set value. (Foundation placeholder: the set work replaces this file with the real structure.)
public struct SetValue {
    public init() {}
    public var count: Int { 0 }
    public var encodingName: String { "intset" }
    var memoryEstimate: Int { 0 }
}

/// A Redis stream value. (Foundation placeholder: the stream work replaces this file with the real structure.)
public struct StreamValue {
    public init() {}
    public var count: Int { 0 }
    public var encodingName: String { "stream" }
    var memoryEstimate: Int { 0 }
}

/// The order Redis puts search results in, reproduced exactly — ties and all — because clients see it: a full
/// sort is glibc's `qsort` (a stable top-down merge sort), and a sort of only the first COUNT results is Redis's
/// `pqsort` (Bentley–McIlroy quicksort that skips partitions outside the wanted range; the build Redis 7.0 ships
/// never falls back to insertion sort after a swap-free partition), which orders equal distances its own way.
/// Both use Redis's comparator, which answers "equal" for NaN distances.
enum GeoResultOrder {
    /// -1, 0 or 1 as sort_gp_asc / sort_gp_desc answer.
    private static func compare(_ a: GeoMatch, _ b: GeoMatch, descending: Bool) -> Int {
        let (x, y) = descending ? (b.distance, a.distance) : (a.distance, b.distance)
        if x > y { return 1 }
        return x == y ? 0 : -1
    }

    /// Orders all of `matches`.
    static func sortAll(_ matches: inout [GeoMatch], descending: Bool) {
        guard matches.count > 1 else { return }
        var scratch = matches
        mergeSort(&matches, &scratch, 0, matches.count, descending)
    }

    private static func mergeSort(_ a: inout [GeoMatch], _ t: inout [GeoMatch], _ start: Int, _ n: Int, _ desc: Bool) {
        guard n > 1 else { return }
        let n1 = n / 2
        mergeSort(&a, &t, start, n1, desc)
        mergeSort(&a, &t, start + n1, n - n1, desc)
        var i = start, j = start + n1, k = start
        let leftEnd = start + n1, rightEnd = start + n
        while i < leftEnd && j < rightEnd {
            if compare(a[i], a[j], descending: desc) <= 0 {
                t[k] = a[i]
                i += 1
            } else {
                t[k] = a[j]
                j += 1
            }
            k += 1
        }
        while i < leftEnd {
            t[k] = a[i]
            i += 1
            k += 1
        }
        for m in start..<k { a[m] = t[m] }
    }

    /// Orders `matches` so that positions 0..<first hold what a full sort would put there (as Redis's pqsort does).
    static func sortPrefix(_ matches: inout [GeoMatch], first: Int, descending: Bool) {
        partialSort(&matches, 0, matches.count, wanted: 0...(first - 1), descending)
    }

    private static func partialSort(_ a: inout [GeoMatch], _ start: Int, _ count: Int, wanted: ClosedRange<Int>,
                                    _ desc: Bool) {
        var base = start, n = count
        func cmp(_ i: Int, _ j: Int) -> Int { compare(a[i], a[j], descending: desc) }
        func median(_ i: Int, _ j: Int, _ k: Int) -> Int {
            cmp(i, j) < 0 ? (cmp(j, k) < 0 ? j : (cmp(i, k) < 0 ? k : i))
                : (cmp(j, k) > 0 ? j : (cmp(i, k) < 0 ? i : k))
        }
        func insertionSort() {
            for m in base + 1 ..< base + n {
                var l = m
                while l > base && cmp(l - 1, l) > 0 {
                    a.swapAt(l, l - 1)
                    l -= 1
                }
            }
        }
        func blockSwap(_ i: Int, _ j: Int, _ length: Int) {
            for o in 0..<max(length, 0) { a.swapAt(i + o, j + o) }
        }
        func overlapsWanted(_ s: Int, _ m: Int) -> Bool { !(wanted.upperBound < s || wanted.lowerBound >= s + m) }

        while true {
            if n < 7 { return insertionSort() }
            var pm = base + n / 2
            if n > 7 {
                var pl = base, pn = base + n - 1
                if n > 40 {
                    let d = n / 8
                    pl = median(pl, pl + d, pl + 2 * d)
                    pm = median(pm - d, pm, pm + d)
                    pn = median(pn - 2 * d, pn - d, pn)
                }
                pm = median(pl, pm, pn)
            }
            a.swapAt(base, pm)
            var pa = base + 1, pb = base + 1, pc = base + n - 1, pd = base + n - 1
            while true {
                while pb <= pc {
                    let r = cmp(pb, base)
                    guard r <= 0 else { break }
                    if r == 0 {
                        a.swapAt(pa, pb)
                        pa += 1
                    }
                    pb += 1
                }
                while pb <= pc {
                    let r = cmp(pc, base)
                    guard r >= 0 else { break }
                    if r == 0 {
                        a.swapAt(pc, pd)
                        pd -= 1
                    }
                    pc -= 1
                }
                if pb > pc { break }
                a.swapAt(pb, pc)
                pb += 1
                pc -= 1
            }
            let end = base + n
            var r = min(pa - base, pb - pa)
            blockSwap(base, pb - r, r)
            r = min(pd - pc, end - pd - 1)
            blockSwap(pb, end - r, r)
            r = pb - pa
            if r > 1 && overlapsWanted(base, r) { partialSort(&a, base, r, wanted: wanted, desc) }
            r = pd - pc
            guard r > 1 else { return }
            base = end - r
            n = r
            guard overlapsWanted(base, n) else { return }
        }
    }
}

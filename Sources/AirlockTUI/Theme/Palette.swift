// Palette: the xterm-256 colors as RGB, the nearest one to a #rrggbb, and stand-ins on terminals with fewer.

/// xterm-256 colors, and their nearest stand-ins on terminals with fewer colors.
enum Palette {
    static func rgb(_ index: Int) -> (Int, Int, Int) {
        let base: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
            (255, 255, 255),
        ]
        if index < 16 { return base[max(0, index)] }
        if index < 232 {
            let i = index - 16
            let steps = [0, 95, 135, 175, 215, 255]
            return (steps[i / 36], steps[(i / 6) % 6], steps[i % 6])
        }
        let v = 8 + (index - 232) * 10
        return (v, v, v)
    }

    static func nearest256(r: Int, g: Int, b: Int) -> Int { nearest(in: 16..<256, r: r, g: g, b: b) }

    /// The color of `candidates` closest to (r, g, b); the first of equals.
    private static func nearest(in candidates: Range<Int>, r: Int, g: Int, b: Int) -> Int {
        var best = candidates.lowerBound
        var bestD = Int.max
        for i in candidates {
            let (x, y, z) = rgb(i)
            let d = (x - r) * (x - r) + (y - g) * (y - g) + (z - b) * (z - b)
            if d < bestD {
                bestD = d
                best = i
            }
        }
        return best
    }

    /// The color to use on a terminal with `available` colors.
    static func downgrade(_ c: Int, available: Int) -> Int {
        if c < 0 || c < available { return c }
        let limit = available >= 16 ? 16 : 8
        let (r, g, b) = rgb(c)
        return nearest(in: 0..<limit, r: r, g: g, b: b)
    }
}

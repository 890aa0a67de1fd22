import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How busy the machine is when a lesson measures: other programs' work shows in every figure.
public struct MachineLoad: Sendable, Equatable {
    /// The run queue averaged over the last minute (`getloadavg`): this lesson's own work
    /// included, as it is in the figures.
    public let lastMinute: Double
    /// The cores it runs on.
    public let cores: Int

    public init(lastMinute: Double, cores: Int) {
        self.lastMinute = lastMinute
        self.cores = cores
    }

    /// The load now, or nil where the system does not say.
    public static func now() -> MachineLoad? {
        var loads = [Double](repeating: 0, count: 3)
        guard getloadavg(&loads, 3) >= 1 else { return nil }
        return MachineLoad(lastMinute: loads[0], cores: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// At least one runnable program per core on average: every measured figure then waits for
    /// a core now and then. A lesson alone keeps the load well under that here (0.2–0.5 on 2
    /// cores, debug build, measured); two busy loops beside it take it past 2.3 within a minute.
    public var isHigh: Bool { lastMinute >= Double(cores) }

    /// The sentence a measured act prints when the load is high.
    public var note: String {
        "The machine has been busy: a load of \(String(format: "%.1f", lastMinute)) over the last minute on \(cores) core\(cores == 1 ? "" : "s"), "
            + "this lesson included. While other programs run, the figures below wait for a core now and then and vary more "
            + "than on an idle machine: rerun when it is quiet before comparing them with the README's."
    }
}

extension Narrator {
    /// Before a measured act: says so when the machine is busy, and nothing otherwise.
    public func noteLoad(_ load: MachineLoad? = MachineLoad.now()) {
        guard let load, load.isHigh else { return }
        notice(load.note)
    }
}

import StranglerFigKit
import WorkbookKit

#if canImport(StranglerFigSolution)
    import StranglerFigSolution
#endif

/// The reference solution's router. The student edition holds Solutions/ out: there the lesson
/// runs only the student's router and the bench refuses to start, so this is never reached.
enum Reference {
    static var route: RouteFunction {
        #if canImport(StranglerFigSolution)
            { request, plan in try StranglerFigSolution.route(request, plan: plan) }
        #else
            Implementation.heldOut()
        #endif
    }
}

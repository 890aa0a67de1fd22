import SchemaPerModuleKit
import WorkbookKit

#if canImport(SchemaPerModuleSolution)
    import SchemaPerModuleSolution
#endif

/// The reference billing module. The student edition holds Solutions/ out: there the lesson runs
/// only the student's billing, so this is never reached.
enum Reference {
    static var billing: BillingFunctions {
        #if canImport(SchemaPerModuleSolution)
            BillingFunctions(
                migrate: SchemaPerModuleSolution.migrateBilling, handle: SchemaPerModuleSolution.handleUserRegistered,
                record: SchemaPerModuleSolution.recordCharge, summary: SchemaPerModuleSolution.invoiceSummary)
        #else
            Implementation.heldOut()
        #endif
    }
}

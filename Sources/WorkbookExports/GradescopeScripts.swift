import WorkbookCatalog
import WorkbookGrading

/// The two scripts of a Gradescope autograder, as `workbook autograder gradescope` writes them.
///
/// Gradescope unzips the bundle into `/autograder/source`, runs `setup.sh` once as root when the
/// instructor uploads it, and `run_autograder` once per submission, with the student's files in
/// `/autograder/submission`; it reads `/autograder/results/results.json`. `AUTOGRADER_ROOT`
/// replaces `/autograder` (CI runs `run_autograder` against a temporary root), and
/// `AUTOGRADER_WORKBOOK` the workbook's folder (`source/workbook` by default).
package enum GradescopeScripts {
    /// Installs the system packages and a Swift toolchain on Gradescope's Ubuntu 22.04 image,
    /// then builds the workbook and warms the grading copy that `run_autograder` rebuilds only
    /// the exercises of.
    package static func setup(swiftVersion: String) -> String {
        """
        #!/usr/bin/env bash
        # Gradescope runs this once, as root, when the autograder is uploaded.
        set -euo pipefail
        ROOT=${AUTOGRADER_ROOT:-/autograder}
        WORKBOOK=${AUTOGRADER_WORKBOOK:-$ROOT/source/workbook}
        SWIFT_VERSION=${SWIFT_VERSION:-\(swiftVersion)}

        # What Swift needs on Ubuntu 22.04 (swift.org's list), and what the workbook needs.
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \\
            binutils curl git gnupg2 libc6-dev libcurl4-openssl-dev libedit2 libgcc-11-dev libpython3-dev \\
            libsqlite3-0 libstdc++-11-dev libxml2-dev libz3-dev pkg-config tzdata unzip zip zlib1g-dev \\
            libsqlite3-dev libpq-dev bubblewrap

        if ! command -v swift >/dev/null 2>&1; then
            name="swift-$SWIFT_VERSION-RELEASE-ubuntu22.04"
            curl -fsSL "https://download.swift.org/swift-$SWIFT_VERSION-release/ubuntu2204/swift-$SWIFT_VERSION-RELEASE/$name.tar.gz" \\
                -o /tmp/swift.tar.gz
            mkdir -p /opt/swift
            tar -xzf /tmp/swift.tar.gz -C /opt/swift --strip-components 1
            rm /tmp/swift.tar.gz
            ln -sf /opt/swift/usr/bin/* /usr/local/bin/
        fi
        swift --version

        # Build once here, so that grading a submission rebuilds only its exercises: the workbook
        # command, then its grading copy (the checks), by grading the shipped stubs once; the
        # Package.resolved in the bundle holds the instructor's dependency versions.
        cd "$WORKBOOK"
        swift build --product workbook
        warm=$(mktemp -d)
        swift run --skip-build workbook grade --student "$WORKBOOK" --output "$warm/results" || true
        rm -rf "$warm"
        """
    }

    /// Grades one submission and writes Gradescope's results.json, whatever happens.
    package static func runAutograder(exercises: [String], timeout: Int) -> String {
        """
        #!/usr/bin/env bash
        # Gradescope runs this once per submission.
        set -uo pipefail
        ROOT=${AUTOGRADER_ROOT:-/autograder}
        WORKBOOK=${AUTOGRADER_WORKBOOK:-$ROOT/source/workbook}
        EXERCISES=${EXERCISES:-\(exercises.joined(separator: " "))}
        TIMEOUT=${TIMEOUT:-\(timeout)}
        mkdir -p "$ROOT/results"
        out=$(mktemp -d)
        trap 'rm -rf "$out"' EXIT

        # A submission from GitHub or a zip of the checkout: the folder that holds Exercises/.
        submission="$ROOT/submission"
        if [ ! -d "$submission/Exercises" ]; then
            found=$(find "$submission" -maxdepth 3 -type d -name Exercises | head -n 1)
            [ -n "$found" ] && submission=$(dirname "$found")
        fi
        if [ ! -d "$submission/Exercises" ]; then
            printf '{"score": 0, "output": "The submission has no Exercises/ folder: submit your checkout of the workbook (or its Exercises/ folder inside one)."}\\n' \\
                > "$ROOT/results/results.json"
            exit 0
        fi

        cd "$WORKBOOK"
        # shellcheck disable=SC2086
        swift run --skip-build workbook grade $EXERCISES --timeout "$TIMEOUT" --student "$submission" --output "$out/grades" \\
            > "$out/log" 2>&1
        results=$(find "$out/grades" -name results.json 2>/dev/null | head -n 1)
        if [ -n "$results" ]; then
            cp "$results" "$ROOT/results/results.json"
        else
            python3 -c 'import json, sys; print(json.dumps({"score": 0, "output": "The grader failed before it wrote results:\\n" + sys.stdin.read()[-3000:]}))' \\
                < "$out/log" > "$ROOT/results/results.json"
        fi
        tail -n 40 "$out/log"
        """
    }
}

package io.odoohub.odoo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What a batched write did, record by record: the Odoo id of each written record and the failure of each refused
 * one. It is also the progress of the write: a redelivery of the same exchange continues with the records not yet
 * settled, so a transient error halfway never writes a record twice.
 */
public final class BatchResult {

    private final Integer[] ids;
    private final RowFailure[] failures;
    private int calls;

    public BatchResult(int size) {
        this.ids = new Integer[size];
        this.failures = new RowFailure[size];
    }

    public int size() {
        return ids.length;
    }

    boolean isSettled(int index) {
        return ids[index] != null || failures[index] != null;
    }

    void written(int index, Integer id) {
        ids[index] = id;
    }

    void failed(RowFailure failure) {
        failures[failure.index()] = failure;
    }

    void countCall() {
        calls++;
    }

    /** The part of this result for the given records, re-indexed from 0 (what is settled stays settled). */
    BatchResult slice(List<Integer> indexes) {
        BatchResult part = new BatchResult(indexes.size());
        for (int k = 0; k < indexes.size(); k++) {
            int i = indexes.get(k);
            part.ids[k] = ids[i];
            if (failures[i] != null) {
                RowFailure f = failures[i];
                part.failures[k] = new RowFailure(k, f.message(), f.field(), f.cause());
            }
        }
        return part;
    }

    /** Takes back a slice's outcome and its calls. */
    void merge(BatchResult part, List<Integer> indexes) {
        for (int k = 0; k < indexes.size(); k++) {
            int i = indexes.get(k);
            ids[i] = part.ids[k];
            RowFailure f = part.failures[k];
            failures[i] = f == null ? null : new RowFailure(i, f.message(), f.field(), f.cause());
        }
        calls += part.calls;
    }

    /** The Odoo id per input record, null where the record failed. */
    public List<Integer> ids() {
        return Collections.unmodifiableList(Arrays.asList(ids));
    }

    /** The written ids only, in input order. */
    public List<Integer> writtenIds() {
        List<Integer> out = new ArrayList<>();
        for (Integer id : ids) {
            if (id != null) {
                out.add(id);
            }
        }
        return out;
    }

    public List<RowFailure> failures() {
        List<RowFailure> out = new ArrayList<>();
        for (RowFailure f : failures) {
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    public int writtenCount() {
        int n = 0;
        for (Integer id : ids) {
            if (id != null) {
                n++;
            }
        }
        return n;
    }

    public int failedCount() {
        int n = 0;
        for (RowFailure f : failures) {
            if (f != null) {
                n++;
            }
        }
        return n;
    }

    /** Odoo calls made for this result, including the ones that split out bad records. */
    public int calls() {
        return calls;
    }

    @Override
    public String toString() {
        return "BatchResult[records=" + ids.length + ", written=" + writtenCount() + ", failed=" + failedCount()
                + ", calls=" + calls + "]";
    }
}

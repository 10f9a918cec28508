package io.modelmonitoring.mlservice.drift;

/**
 * How PSI drift is judged.
 *
 * @param minSamples the fewest valid predictions each window needs for a PSI
 * @param bins the number of quantile bins to aim for
 * @param smoothing the additive smoothing of bin shares
 * @param threshold drift when PSI is strictly above it
 * @param maxPValue when set, drift also needs a p-value strictly below it
 */
public record DriftSettings(int minSamples, int bins, double smoothing, double threshold, Double maxPValue) {
}

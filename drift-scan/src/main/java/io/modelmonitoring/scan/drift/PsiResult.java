package io.modelmonitoring.scan.drift;

/**
 * One PSI comparison.
 *
 * @param psi the population stability index
 * @param pValue the chance of a PSI at least this large from sampling alone, were both
 * samples drawn from one distribution
 * @param noiseFloor the PSI that sampling alone is expected to produce, (K−1)(1/n + 1/m)
 * @param bins K, the number of bins after duplicate edges were removed
 * @param baselineCount n
 * @param currentCount m
 */
public record PsiResult(double psi, double pValue, double noiseFloor, int bins, int baselineCount, int currentCount) {
}

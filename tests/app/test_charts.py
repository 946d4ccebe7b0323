"""The chart builders in ui.charts: the numbers they plot are the ones the text claims."""

import numpy as np

from ui.charts import noise_curve_figure, relative_code_values, sparsity_figure, sparsity_shares


def test_code_values_are_measured_against_their_own_digits_peak():
    codes = np.array([[4.0, -2.0, 0.0, 0.2], [0.0, 0.0, 0.0, 0.0]])
    np.testing.assert_allclose(relative_code_values(codes), [1.0, 0.5, 0.0, 0.05, 0, 0, 0, 0])


def test_sparsity_shares_sum_to_one_and_count_small_values():
    codes = np.array([[1.0, 0.005, 0.05, 0.55]])
    shares = sparsity_shares(codes)
    assert shares.sum() == 1.0
    assert shares[0] == 0.25 and shares[1] == 0.25  # < 0.01 and 0.01-0.1
    assert shares[-1] == 0.25  # the peak itself is in the top bin


def test_sparsity_figure_has_one_bar_series_per_model():
    figure = sparsity_figure({"sparse": np.ones((3, 16)), "deep": np.ones((3, 49))})
    assert [trace.name for trace in figure.data] == ["Sparse (16 numbers)", "Deep dense (49 numbers)"]


def test_noise_chart_draws_both_means_and_bolds_the_shown_one():
    curves = {0.5: {"denoise": [0.1, 0.2], "dense": [0.9, 1.0]}, 0.0: {"denoise": [0.1, 0.15], "dense": [0.08, 0.3]}}
    figure = noise_curve_figure(curves, (0.0, 1.0), 0.5, shown_mean=0.0)
    assert len(figure.data) == 4
    widths = {trace.name: trace.line.width for trace in figure.data}
    assert widths["Denoising, zero-mean noise, μ = 0"] > widths["Denoising, article's noise, μ = 0.5"]

"""Lesson 06: where each start ends up when the landscape has several valleys."""

import ipywidgets as widgets
import numpy as np

from .. import plotting
from ..landscapes import Landscape, basins, valleys
from ._explorer import Explorer, figure_with, int_slider, rate_slider, within
from ._words import percent, plural

__all__ = ["basins_explorer"]


def basins_explorer(landscape=None, learning_rate=0.01, steps=200, resolution=90):
    """Start gradient descent from every point of a grid and colour each by where it ends.

    The coloured regions are the basins of attraction: every start in one colour reaches the
    valley starred in that colour. Pale grey marks starts that reached no valley within the
    steps, still on their way, or flung away by too large a learning rate.

    Parameters
    ----------
    landscape : Landscape, optional
        A 2-D landscape with several minima; :func:`gdcore.valleys` by default.
    learning_rate : float, default 0.01
    steps : int, default 200
    resolution : int, default 90
        Starts along each side of the grid.

    Returns
    -------
    Explorer
    """
    land = valleys() if landscape is None else landscape
    if not isinstance(land, Landscape) or land.dimension != 2:
        raise TypeError("landscape must be a 2-D Landscape, such as gdcore.valleys()")
    if not len(land.minima):
        raise ValueError("landscape must name at least one minimum: the basins are coloured"
                         " by the minimum each start reaches")
    learning_rate = within("learning_rate", learning_rate, 1e-3, 0.25)
    steps = within("steps", steps, 1, 500, whole=True)
    resolution = within("resolution", resolution, 2, 400, whole=True)
    controls = {"learning_rate": rate_slider(learning_rate, low=1e-3, high=0.25),
                "steps": int_slider(steps, 1, 500, "steps")}
    sides = [np.linspace(*land.window[i], resolution) for i in range(2)]
    grid = np.stack(np.meshgrid(*sides), axis=-1)

    figure, axes = figure_with(6.4, [["map"]])
    ax = axes["map"]
    plotting.plot_contours(ax, land)
    image = plotting.plot_basins(ax, land, np.full((resolution, resolution), -1))
    plotting.set_view(ax, equal=True)
    status = widgets.HTML()

    def update():
        eta, steps = controls["learning_rate"].value, controls["steps"].value
        labels = basins(land, grid, eta, steps)
        image.set_data(labels)
        shares = [np.mean(labels == k) for k in range(-1, len(land.minima))]
        parts = [f"<b style='color:{plotting.VALLEY_COLORS[k]}'>■</b> {percent(share)}"
                 for k, share in enumerate(shares[1:])]
        status.value = (f"η = {eta:.3g}, {plural(steps, 'step')}: starts per valley"
                        f" {', '.join(parts)}; reached none: {percent(shares[0])}.")

    return Explorer(controls, figure, status, update, moving={"basins": image})

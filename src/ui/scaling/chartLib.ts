/** uPlot and its stylesheet, in their own chunk (loaded when the live charts first show). */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export default uPlot;
